/**
 * Checkout rules for digital goods (issue 22, item 8), pure so they are unit-tested:
 * nothing ships -> no street address; the billing country always (tax follows it) and the
 * postal code only where tax depends on it; a default country that fits the visitor.
 */

/** Countries whose sales tax depends on more than the country (state or province, read from the postal code). */
export const POSTCODE_TAX_COUNTRIES = ["us", "ca"] as const

export const postcodeNeededForTax = (country: string | null | undefined) =>
  (POSTCODE_TAX_COUNTRIES as readonly string[]).includes(String(country ?? "").toLowerCase())

/** A cart ships nothing when every line says so (Medusa: a variant without a shipping profile). */
export const isDigitalOnly = (items: { requires_shipping?: boolean | null }[] | null | undefined) =>
  !!items?.length && items.every((i) => i.requires_shipping === false)

/** The fields a checkout must have, in form order. */
export function requiredCheckoutFields(digital: boolean, country: string | null | undefined): string[] {
  if (!digital) return ["email", "first_name", "last_name", "address_1", "city", "postal_code", "country_code"]
  return ["email", "first_name", "last_name", "country_code", ...(postcodeNeededForTax(country) ? ["postal_code"] : [])]
}

/** Where a region's currency is most likely spent (only currencies with one obvious home). */
const CURRENCY_HOME: Record<string, string> = {
  usd: "us",
  gbp: "gb",
  jpy: "jp",
  cad: "ca",
  aud: "au",
  chf: "ch",
  sek: "se",
  nok: "no",
  dkk: "dk",
  pln: "pl",
  inr: "in",
  brl: "br",
  mxn: "mx",
  nzd: "nz",
}

/**
 * The country a checkout starts with: the saved one, else the first country of the
 * browser's languages (`en-GB` -> gb) the region sells to, else the home of the region's
 * currency, else the region's first country by name. Null for a region without countries.
 */
export function defaultCountry(
  countries: { iso_2: string; display_name?: string }[],
  { saved, acceptLanguage, currencyCode }: { saved?: string | null; acceptLanguage?: string | null; currencyCode?: string | null }
): string | null {
  const codes = countries.map((c) => c.iso_2.toLowerCase())
  const has = (c: string | null | undefined) => !!c && codes.includes(c.toLowerCase())
  if (has(saved)) return saved!.toLowerCase()
  const fromLanguages = (acceptLanguage ?? "")
    .split(",")
    .map((part) => part.split(";")[0].trim())
    .map((tag) => tag.split("-")[1]?.toLowerCase())
    .find((region) => has(region))
  if (fromLanguages) return fromLanguages
  const home = CURRENCY_HOME[String(currencyCode ?? "").toLowerCase()]
  if (has(home)) return home
  const byName = [...countries].sort((a, b) => (a.display_name ?? a.iso_2).localeCompare(b.display_name ?? b.iso_2))
  return byName[0]?.iso_2.toLowerCase() ?? null
}

/**
 * What the checkout does once the cart has its address and free trials (issue 24):
 * - `system`: no Stripe key: a session with Medusa's system provider, then the order (a $0 cart too).
 * - `pay`: Stripe and something to pay now: a Stripe session and the Payment Element (/checkout/pay).
 * - `save-card`: Stripe and a $0 cart that starts a free trial: no payment now (Medusa completes
 *   a $0 cart without one), but the card for the charges after the trial is entered on
 *   /checkout/pay and saved through Medusa (`POST /store/customers/me/payment-methods`, an
 *   off-session setup intent) before the cart completes, so the first renewal finds it.
 * - `complete`: Stripe and a $0 cart with no trial (a free course, a 100 % promotion): the
 *   order at once; Stripe takes no $0 payment.
 * `total` is Medusa's cart total (the currency's main unit, as Medusa answers it); only
 * "more than zero" is asked of it.
 */
export type PaymentStep = "system" | "pay" | "save-card" | "complete"

export function paymentStep({ stripe, total, trial }: { stripe: boolean; total: number | null | undefined; trial: boolean }): PaymentStep {
  if (!stripe) return "system"
  if (Number(total ?? 0) > 0) return "pay"
  return trial ? "save-card" : "complete"
}
