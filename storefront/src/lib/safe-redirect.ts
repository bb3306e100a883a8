/**
 * The one gate for every redirect to a user-given target (`/r?to=`, the login and register
 * `next`, form `back` fields): only a path on this site comes out, anything else becomes
 * `fallback`. Browsers treat `\` as `/` and drop tabs and newlines inside URLs, so
 * `/\evil.example` or `/<TAB>/evil.example` would leave the site; the value is refused if it
 * has either, then parsed with `URL` against the site's origin and kept only when the
 * result has that same origin and a path that does not itself start with `//`.
 */
const PARSE_ORIGIN = "https://storefront.invalid"

export function safeRedirectPath(value: string | null | undefined, fallback = "/", origin: string = PARSE_ORIGIN): string {
  if (!value || !value.startsWith("/") || value.startsWith("//")) return fallback
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback
  let base: URL
  let url: URL
  try {
    base = new URL(origin)
    url = new URL(value, base)
  } catch {
    return fallback
  }
  if (url.origin !== base.origin) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  // "/..//host" and "/.//host" normalise to "//host", a protocol-relative URL.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback
  return path
}
