import { inLocale, type EmailBrand } from "./context"
import { cleanLocale, orgLocaleList, recipientLocale } from "./locale"

const org = orgLocaleList({ default_locale: "en", locales: ["es", "pt-BR", "fr-CA"] })

describe("email locale (issue 26: emails in the recipient's language)", () => {
  it("lists the org's locales with the default first, once", () => {
    expect(org).toEqual({ default_locale: "en", locales: ["en", "es", "pt-BR", "fr-CA"] })
    expect(orgLocaleList({ default_locale: "es", locales: ["en", "es"] })).toEqual({ default_locale: "es", locales: ["es", "en"] })
    expect(orgLocaleList(null)).toEqual({ default_locale: "en", locales: ["en"] })
  })

  it("picks the recipient's locale when the org enabled it: same tag, then same language, else the default", () => {
    expect(recipientLocale("es", org)).toBe("es")
    expect(recipientLocale("ES", org)).toBe("es")
    expect(recipientLocale("es-MX", org)).toBe("es")
    expect(recipientLocale("pt", org)).toBe("pt-BR")
    expect(recipientLocale("pt-br", org)).toBe("pt-BR")
    expect(recipientLocale("fr", org)).toBe("fr-CA")
    expect(recipientLocale("de", org)).toBe("en")
    expect(recipientLocale(null, org)).toBe("en")
    expect(recipientLocale(undefined, org)).toBe("en")
  })

  it("treats what is not a language tag as nothing asked", () => {
    for (const junk of ["", "e", "es_ES", "<script>", "es-" + "x".repeat(40), 42, { locale: "es" }, ["es"]]) {
      expect(recipientLocale(junk, org)).toBe("en")
      expect(cleanLocale(junk)).toBeNull()
    }
    expect(cleanLocale("pt-BR")).toBe("pt-BR")
  })

  it("puts the storefront links under /<locale> unless it is the default", () => {
    const brand = {
      org_id: "org_1",
      org_name: "Acme",
      logo_url: null,
      primary_color: null,
      locale: "en",
      locales: org,
      reply_to: null,
      from_name: "Acme",
      storefront_url: "https://acme.test",
      storefront_origin: "https://acme.test",
      admin_url: "https://api.acme.test/app",
      backend_url: "https://api.acme.test",
    } satisfies EmailBrand
    expect(inLocale(brand, "es-MX")).toMatchObject({ locale: "es", storefront_url: "https://acme.test/es", storefront_origin: "https://acme.test" })
    expect(inLocale(brand, "de")).toBe(brand)
    expect(inLocale(inLocale(brand, "pt"), "en")).toMatchObject({ locale: "en", storefront_url: "https://acme.test" })
  })
})
