import "server-only"
import { cookies, headers } from "next/headers"
import { cache } from "react"
import { getOrg } from "./data"
import { LOCALE_COOKIE, LOCALE_HEADER, matchLocale } from "./locale-path"

/**
 * The visitor's locale for this request: the URL's `/<locale>` prefix (the proxy passes it
 * in a header), else the one they last chose (cookie), when the org enabled it; otherwise
 * the org's default. `prefixed`: the URL carried it (links and canonical keep the prefix).
 */
export const getLocale = cache(async (): Promise<{ locale: string; is_default: boolean; prefixed: boolean }> => {
  const org = await getOrg()
  const fromUrl = matchLocale((await headers()).get(LOCALE_HEADER), org.locales)
  const fromCookie = matchLocale((await cookies()).get(LOCALE_COOKIE)?.value, org.locales)
  const locale = fromUrl ?? fromCookie ?? org.branding.default_locale
  return { locale, is_default: locale === org.branding.default_locale, prefixed: !!fromUrl }
})

/** The header Medusa's course and lesson routes read; none for the default locale. */
export async function localeHeaders(): Promise<Record<string, string>> {
  const { locale, is_default } = await getLocale()
  return is_default ? {} : { [LOCALE_HEADER]: locale }
}
