// The `/<locale>/...` URL prefix (issue 26): pure, shared by the proxy and the unit spec.

/** The header the proxy sets (and Medusa's course routes read) with the visitor's locale. */
export const LOCALE_HEADER = "x-volmify-locale"
/** The locale a visitor last chose through a prefixed URL. */
export const LOCALE_COOKIE = "_volmify_locale"

/** First path segments that are routes of the storefront, never locales. */
const ROUTES = new Set(["courses", "account", "cart", "checkout", "learn", "order", "r", "certificates", "email", "form", "p", "og", "api", "_next"])

const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/

/**
 * `/fr/courses/a` -> { locale: "fr", path: "/courses/a" }; a path without a locale prefix
 * -> { locale: null, path }. Whether the org enabled the locale is decided later
 * (lib/locale.ts), from the org's settings.
 */
export function splitLocalePrefix(pathname: string): { locale: string | null; path: string } {
  const [, first = "", ...rest] = pathname.split("/")
  if (!TAG.test(first) || ROUTES.has(first)) return { locale: null, path: pathname }
  return { locale: first, path: `/${rest.join("/")}` }
}

/** The org's locale that matches an asked one (case-insensitive), else null. */
export const matchLocale = (asked: string | null | undefined, enabled: string[]) =>
  asked ? (enabled.find((l) => l.toLowerCase() === asked.toLowerCase()) ?? null) : null
