import { MedusaError } from "@medusajs/framework/utils"

/**
 * Digits of an ISO 4217 currency's minor unit (USD 2, JPY 0, KWD 3), from the runtime's ICU
 * data. One function for the plugin's money rules (proration, upgrade credit, period refunds,
 * metrics); @volmify/ledger has its own, access does not depend on ledger.
 */
export function currencyDigits(currencyCode: string): number {
  const code = (currencyCode ?? "").toUpperCase()
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `currency_code "${currencyCode}" is not an ISO 4217 currency`)
  }
  return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
}
