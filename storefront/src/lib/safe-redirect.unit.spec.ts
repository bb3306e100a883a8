import { safeRedirectPath } from "./safe-redirect"

// Issue 20: `/r?to=/%5Cevil.example` and login `next=/\evil.example` left the site. Each
// payload below is a known way to make a "path" leave the origin; none may get through.
const SITE = "https://acme.example"

const BYPASS_PAYLOADS = [
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example/a",
  "https://evil.example",
  "https:evil.example",
  "http:/evil.example",
  "//evil.example@acme.example",
  "/\\@evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/..//evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "\u0000//evil.example",
  "/\u0000/evil.example",
  " //evil.example",
  "evil.example",
  "",
]

describe("safeRedirectPath", () => {
  it.each(BYPASS_PAYLOADS)("refuses %j (falls back, never another origin)", (payload) => {
    const out = safeRedirectPath(payload, "/fallback", SITE)
    expect(out).toBe("/fallback")
    expect(new URL(out, SITE).origin).toBe(SITE)
  })

  it("keeps same-origin paths with their query and fragment, normalised", () => {
    expect(safeRedirectPath("/courses/intro?tab=outline#m2", "/", SITE)).toBe("/courses/intro?tab=outline#m2")
    expect(safeRedirectPath("/learn", "/", SITE)).toBe("/learn")
    expect(safeRedirectPath("/a/../b", "/", SITE)).toBe("/b")
    // Still encoded, a backslash is just a character of a path on this site.
    expect(safeRedirectPath("/%5Cevil.example", "/", SITE)).toBe("/%5Cevil.example")
    expect(new URL(safeRedirectPath("/%5Cevil.example", "/", SITE), SITE).origin).toBe(SITE)
  })

  it("falls back on nothing and on an unparsable origin", () => {
    expect(safeRedirectPath(null, "/learn")).toBe("/learn")
    expect(safeRedirectPath(undefined)).toBe("/")
    expect(safeRedirectPath("/ok", "/", "not an origin")).toBe("/")
  })
})
