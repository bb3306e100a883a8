import { MathBN } from "@medusajs/framework/utils"

/**
 * The processing fee a payment provider actually charged, in the order's currency, as a
 * provider puts it on the payment's `data.processing_fee` (the contract @volmify/attribution
 * reads; see its README). `amount` is an exact major-unit decimal string.
 */
export type ProviderProcessingFee = {
  amount: string
  currency_code: string
  provider: string
  /** The provider's record of the fee (Stripe: the balance transaction id). */
  reference: string
  /** The fee as the provider reported it: smallest units of `provider_currency`. */
  provider_fee: number
  provider_currency: string
  /** Settlement units per order-currency unit, when the two currencies differ. */
  exchange_rate: string | null
}

/** The part of a Stripe balance transaction this reads (https://docs.stripe.com/api/balance_transactions/object). */
export type StripeBalanceTransaction = { id: string; fee: number; currency: string; exchange_rate: number | null }

// Stripe's zero- and three-decimal currencies (https://docs.stripe.com/currencies); the rest have two.
const ZERO_DECIMAL = ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]
const THREE_DECIMAL = ["BHD", "IQD", "JOD", "KWD", "OMR", "TND"]
const stripeDigits = (currency: string) => {
  const c = currency.toUpperCase()
  return ZERO_DECIMAL.includes(c) ? 0 : THREE_DECIMAL.includes(c) ? 3 : 2
}

/** bignumber.js rounding mode 4: half away from zero. */
const ROUND_HALF_UP = 4

/**
 * A balance transaction's fee in the order's currency. Stripe books a charge in the
 * account's settlement currency: `amount = charge amount x exchange_rate`, and `fee` is in
 * that currency too; so the fee in the charge's currency is `fee / exchange_rate`, rounded
 * half up to the order currency's smallest unit. Exact decimals throughout (never a JS
 * float: the rate is read from its decimal text). Null when the currencies differ and
 * Stripe gave no rate (nothing honest to convert with).
 */
export function stripeFeeInOrderCurrency(bt: StripeBalanceTransaction, orderCurrency: string): ProviderProcessingFee | null {
  if (!Number.isInteger(bt.fee) || bt.fee < 0) return null
  const order = orderCurrency.toLowerCase()
  const settlement = String(bt.currency).toLowerCase()
  const feeMajor = MathBN.convert(bt.fee).shiftedBy(-stripeDigits(settlement))
  let inOrder = feeMajor
  let rate: string | null = null
  if (settlement !== order) {
    if (bt.exchange_rate === null || bt.exchange_rate === undefined || !(Number(bt.exchange_rate) > 0)) return null
    rate = String(bt.exchange_rate)
    inOrder = MathBN.div(feeMajor, rate)
  }
  const digits = stripeDigits(order)
  const amount = inOrder.decimalPlaces(digits, ROUND_HALF_UP).toFixed(digits)
  return {
    amount,
    currency_code: order,
    provider: "stripe",
    reference: bt.id,
    provider_fee: bt.fee,
    provider_currency: settlement,
    exchange_rate: rate,
  }
}
