import "./server-only"
import { getOrg } from "./data"
import { LOCALE_COOKIE, LOCALE_HEADER, matchLocale, preferredLocale } from "./locale-path"
import { perRequest, requestCookie, requestHeader } from "./request-scope"

/**
 * `unknown_prefix`: the URL starts with a language tag the org has not enabled (`/xx/...`):
 * the page is a 404, not the default locale's content at a second address.
 */
export type VisitorLocale = { locale: string; is_default: boolean; prefixed: boolean; unknown_prefix: boolean }

/**
 * The visitor's locale for this request: the URL's `/<locale>` prefix (the proxy passes it
 * in a header), else the one they last chose (cookie), else the first of their browser's
 * languages (`Accept-Language`) the org enabled; otherwise the org's default. `prefixed`:
 * the URL carried it (links and canonical keep the prefix).
 * Read through lib/request-scope.ts: the same on the App Router and the Pages Router pages.
 */
export const getLocale = perRequest(async (): Promise<VisitorLocale> => {
  const org = await getOrg()
  const asked = await requestHeader(LOCALE_HEADER)
  const fromUrl = matchLocale(asked, org.locales)
  const fromCookie = fromUrl ? null : matchLocale(await requestCookie(LOCALE_COOKIE), org.locales)
  const fromBrowser = fromUrl || fromCookie ? null : preferredLocale(await requestHeader("accept-language"), org.locales)
  const locale = fromUrl ?? fromCookie ?? fromBrowser ?? org.branding.default_locale
  return { locale, is_default: locale === org.branding.default_locale, prefixed: !!fromUrl, unknown_prefix: !!asked && !fromUrl }
})

/** The header Medusa's course and lesson routes read; none for the default locale. */
export async function localeHeaders(): Promise<Record<string, string>> {
  const { locale, is_default } = await getLocale()
  return is_default ? {} : { [LOCALE_HEADER]: locale }
}
