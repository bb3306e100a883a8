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

/**
 * The org's locale a browser's `Accept-Language` prefers, else null: tags in the order of
 * their `q` (0 refuses), each matched exactly, then by its language alone ("fr-CH" -> "fr"),
 * then to a regional locale of that language ("pt" -> "pt-BR"). `*` picks nothing: the
 * org's default stands.
 */
export function preferredLocale(acceptLanguage: string | null | undefined, enabled: string[]): string | null {
  if (!acceptLanguage) return null
  const asked = acceptLanguage
    .split(",")
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";")
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="))
      const weight = q ? Number(q.slice(2)) : 1
      return { tag: tag.trim(), q: Number.isFinite(weight) ? weight : 0, i }
    })
    .filter((a) => a.q > 0 && a.tag && a.tag !== "*" && TAG_LOOSE.test(a.tag))
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { tag } of asked) {
    const lang = tag.split("-")[0].toLowerCase()
    const match =
      matchLocale(tag, enabled) ?? matchLocale(lang, enabled) ?? enabled.find((l) => l.toLowerCase().split("-")[0] === lang) ?? null
    if (match) return match
  }
  return null
}

const TAG_LOOSE = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/
