// Money formatting, apart from data.ts (server-only) so that components rendered on either
// router, and their pages' client builds, can use it.

/** Formats an amount in major units (as Medusa stores them) for a currency. */
/** An exact decimal string from the API ("68.00", "6000") formatted as money, never through a float. */
export function formatDecimalMoney(amount: `${number}`, currency: string, locale = "en") {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(amount)
}

/** How a promotion code reads to the buyer: an upgrade credit is not a coupon they typed. */
export const promotionLabel = (code: string) => (code.startsWith("UPGRADE-") ? "Upgrade credit" : code)

export function formatMoney(amount: number | null | undefined, currency: string, locale = "en") {
  if (amount === null || amount === undefined) return "—"
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(amount)
}
