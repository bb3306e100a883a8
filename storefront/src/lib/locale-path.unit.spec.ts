import { matchLocale, preferredLocale, splitLocalePrefix } from "./locale-path"

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

describe("preferredLocale", () => {
  const enabled = ["en", "fr", "pt-BR"]
  it("takes the browser's languages in q order, exact, by language, then a regional locale of it", () => {
    expect(preferredLocale("fr-CH, fr;q=0.9, en;q=0.8", enabled)).toBe("fr")
    expect(preferredLocale("de;q=0.9, en;q=0.5, fr;q=0.7", enabled)).toBe("fr")
    expect(preferredLocale("pt", enabled)).toBe("pt-BR")
    expect(preferredLocale("PT-br", enabled)).toBe("pt-BR")
    expect(preferredLocale("en-US,en;q=0.9", enabled)).toBe("en")
  })
  it("picks nothing for languages the org lacks, q=0, * or junk", () => {
    expect(preferredLocale("de-DE,de;q=0.9", enabled)).toBeNull()
    expect(preferredLocale("fr;q=0, de", enabled)).toBeNull()
    expect(preferredLocale("*", enabled)).toBeNull()
    expect(preferredLocale("<script>, ;;;, fr;q=abc", enabled)).toBeNull()
    expect(preferredLocale("", enabled)).toBeNull()
    expect(preferredLocale(null, enabled)).toBeNull()
  })
})
