import { defaultCountry, isDigitalOnly, paymentStep, postcodeNeededForTax, requiredCheckoutFields } from "./checkout-rules"

const euro = [
  { iso_2: "fr", display_name: "France" },
  { iso_2: "de", display_name: "Germany" },
  { iso_2: "at", display_name: "Austria" },
]

describe("digital checkout rules", () => {
  it("a cart ships nothing only when every line says so", () => {
    expect(isDigitalOnly([{ requires_shipping: false }, { requires_shipping: false }])).toBe(true)
    expect(isDigitalOnly([{ requires_shipping: false }, { requires_shipping: true }])).toBe(false)
    expect(isDigitalOnly([{ requires_shipping: null }])).toBe(false)
    expect(isDigitalOnly([])).toBe(false)
  })

  it("asks no street address when nothing ships; the postal code only where tax needs it", () => {
    expect(requiredCheckoutFields(true, "de")).toEqual(["email", "first_name", "last_name", "country_code"])
    expect(requiredCheckoutFields(true, "US")).toEqual(["email", "first_name", "last_name", "country_code", "postal_code"])
    expect(requiredCheckoutFields(false, "de")).toContain("address_1")
    expect(postcodeNeededForTax("ca")).toBe(true)
    expect(postcodeNeededForTax("jp")).toBe(false)
    expect(postcodeNeededForTax(undefined)).toBe(false)
  })

  it("starts with the saved country, else the browser's, else the currency's home, else the first by name", () => {
    expect(defaultCountry(euro, { saved: "DE", acceptLanguage: "fr-FR", currencyCode: "eur" })).toBe("de")
    expect(defaultCountry(euro, { acceptLanguage: "en-US,en;q=0.9,de-AT;q=0.8", currencyCode: "eur" })).toBe("at")
    expect(defaultCountry(euro, { acceptLanguage: "en", currencyCode: "eur" })).toBe("at") // Austria sorts first
    expect(defaultCountry([{ iso_2: "ca", display_name: "Canada" }, { iso_2: "us", display_name: "United States" }], { currencyCode: "usd" })).toBe("us")
    expect(defaultCountry([{ iso_2: "jp", display_name: "Japan" }], { acceptLanguage: "en-GB", currencyCode: "jpy" })).toBe("jp")
    expect(defaultCountry([], { currencyCode: "usd" })).toBeNull()
  })
})

describe("payment step (issue 24: a card before a free trial)", () => {
  it("without Stripe, every cart goes through the configured system provider, $0 included", () => {
    expect(paymentStep({ stripe: false, total: 20, trial: false })).toBe("system")
    expect(paymentStep({ stripe: false, total: 0, trial: true })).toBe("system")
  })

  it("with Stripe, a cart with something to pay goes to the Payment Element", () => {
    expect(paymentStep({ stripe: true, total: 20, trial: false })).toBe("pay")
    expect(paymentStep({ stripe: true, total: 0.5, trial: true })).toBe("pay")
  })

  it("with Stripe, a $0 trial asks for the card to save; any other $0 cart completes at once", () => {
    expect(paymentStep({ stripe: true, total: 0, trial: true })).toBe("save-card")
    expect(paymentStep({ stripe: true, total: 0, trial: false })).toBe("complete")
    expect(paymentStep({ stripe: true, total: null, trial: false })).toBe("complete")
  })
})
