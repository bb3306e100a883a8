import { matchLocale, splitLocalePrefix } from "./locale-path"

describe("splitLocalePrefix", () => {
  it("takes a language tag off the front", () => {
    expect(splitLocalePrefix("/fr/courses/bread")).toEqual({ locale: "fr", path: "/courses/bread" })
    expect(splitLocalePrefix("/pt-BR/courses")).toEqual({ locale: "pt-BR", path: "/courses" })
    expect(splitLocalePrefix("/fr")).toEqual({ locale: "fr", path: "/" })
  })
  it("leaves the storefront's own routes and other paths alone", () => {
    for (const p of ["/", "/courses/bread", "/p/launch", "/r", "/og/courses/a", "/sitemap.xml", "/robots.txt", "/account/login", "/form/logout", "/FR/x"]) {
      expect(splitLocalePrefix(p)).toEqual({ locale: null, path: p })
    }
  })
})

describe("matchLocale", () => {
  it("matches the org's spelling case-insensitively, else null", () => {
    expect(matchLocale("pt-br", ["en", "pt-BR"])).toBe("pt-BR")
    expect(matchLocale("de", ["en", "fr"])).toBeNull()
    expect(matchLocale(undefined, ["en"])).toBeNull()
  })
})
