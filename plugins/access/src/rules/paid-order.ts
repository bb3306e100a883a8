import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/**
 * Payment collection statuses that count as "paid enough to grant access": the payment
 * is authorized or (partly) captured. Anything else (awaiting, failed, canceled,
 * not_paid, partially_authorized) grants nothing. An order whose total is exactly zero and
 * that has no payment collection grants too (see isZeroTotal).
 */
export const GRANTING_PAYMENT_STATUSES = ["authorized", "partially_captured", "completed"] as const

export function isOrderPaidForAccess(paymentCollectionStatuses: (string | null | undefined)[], orderTotal?: BigNumberInput | null): boolean {
  if (!paymentCollectionStatuses.length && isZeroTotal(orderTotal)) {
    return true
  }
  return (
    paymentCollectionStatuses.length > 0 &&
    paymentCollectionStatuses.some((s) => (GRANTING_PAYMENT_STATUSES as readonly string[]).includes(s ?? ""))
  )
}

/**
 * A zero-total order (a free course, a lead magnet, a 100 % coupon): Medusa completes its
 * cart with no payment collection, so there is nothing to authorize and it grants as paid.
 * Exactly zero (BigNumber compare); a missing total is not zero.
 */
export function isZeroTotal(total: BigNumberInput | null | undefined): boolean {
  if (total === undefined || total === null || total === "") return false
  try {
    return MathBN.eq(MathBN.convert(total), 0)
  } catch {
    return false
  }
}

const DAY_MS = 24 * 60 * 60 * 1000

/** When an entitlement starting at `start` for `durationDays` ends (null = lifetime). */
export function entitlementExpiry(start: Date, durationDays: number | null | undefined): Date | null {
  return durationDays ? new Date(start.getTime() + durationDays * DAY_MS) : null
}

/**
 * Whether a payment collection has been refunded in full: something was captured and the
 * refunds reach it. Amounts are Medusa BigNumber values (compared exactly, never as floats).
 */
export function isFullyRefunded(captured: BigNumberInput | null | undefined, refunded: BigNumberInput | null | undefined): boolean {
  const cap = MathBN.convert(captured ?? 0)
  return MathBN.gt(cap, 0) && MathBN.gte(MathBN.convert(refunded ?? 0), cap)
}
