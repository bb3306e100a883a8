import "./server-only"
import { getOrg } from "./data"
import { LOCALE_COOKIE, LOCALE_HEADER, matchLocale } from "./locale-path"
import { perRequest, requestCookie, requestHeader } from "./request-scope"

export type VisitorLocale = { locale: string; is_default: boolean; prefixed: boolean }

/**
 * The visitor's locale for this request: the URL's `/<locale>` prefix (the proxy passes it
 * in a header), else the one they last chose (cookie), when the org enabled it; otherwise
 * the org's default. `prefixed`: the URL carried it (links and canonical keep the prefix).
 * Read through lib/request-scope.ts: the same on the App Router and the Pages Router pages.
 */
export const getLocale = perRequest(async (): Promise<VisitorLocale> => {
  const org = await getOrg()
  const fromUrl = matchLocale(await requestHeader(LOCALE_HEADER), org.locales)
  const fromCookie = matchLocale(await requestCookie(LOCALE_COOKIE), org.locales)
  const locale = fromUrl ?? fromCookie ?? org.branding.default_locale
  return { locale, is_default: locale === org.branding.default_locale, prefixed: !!fromUrl }
})

/** The header Medusa's course and lesson routes read; none for the default locale. */
export async function localeHeaders(): Promise<Record<string, string>> {
  const { locale, is_default } = await getLocale()
  return is_default ? {} : { [LOCALE_HEADER]: locale }
}
