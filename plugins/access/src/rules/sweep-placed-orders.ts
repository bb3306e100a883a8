import type { BigNumberInput } from "@medusajs/framework/types"
import { isDigitalOnlyOrder, type CaptureLine } from "./digital-order"
import { isOrderPaidForAccess, isZeroTotal } from "./paid-order"

/**
 * What the sweep of placed orders knows about one order: the same facts the order.placed
 * workflows plan from (grant, capture, subscription start), read in batches.
 */
export type SweepOrderFacts = {
  status: string
  has_customer: boolean
  /** A renewal order (its cart carried `metadata.subscription_id`): it starts nothing. */
  is_renewal: boolean
  payment_statuses: (string | null | undefined)[]
  /** Read only for orders without a payment collection (a free checkout); else undefined. */
  total?: BigNumberInput | null
  /** An authorized payment collection holds a payment neither captured nor canceled. */
  has_uncaptured_authorized_payment: boolean
  /**
   * A payment is captured (`captured_at`) but one of its captures has no order transaction:
   * Medusa's capturePaymentWorkflow died after the payment module's capture and before the
   * order transaction (and so before `payment.captured`): see rules/interrupted-capture.
   */
  has_unfinished_capture?: boolean
  lines: (CaptureLine & { id: string })[]
  /** Variants of the lines with a one-time access plan / a subscription plan. */
  one_time_variant_ids: string[]
  subscription_variant_ids: string[]
  /** Lines that already have their entitlement (any status: a revoked grant is not re-made). */
  granted_line_ids: string[]
  has_subscription: boolean
}

/** What an order lacks, in the order the sweep repairs it. */
export type SweepNeed = "subscriptions" | "capture" | "finish_capture" | "grant"

const DEAD = new Set(["canceled", "draft", "archived"])

/**
 * The order.placed effects an order should have and has not: a subscription started, its
 * all-digital payment captured (when the option is on), a capture finished that a dead
 * process left half-way, an entitlement per line with a one-time plan. Mirrors the checks of planOrderSubscriptionsStep, planDigitalCaptureStep and
 * planOrderGrantsStep, which decide again under their locks (this only picks whom to send).
 */
export function placedOrderNeeds(f: SweepOrderFacts, { autoCapture }: { autoCapture: boolean }): SweepNeed[] {
  if (DEAD.has(f.status)) return []
  const paid = isOrderPaidForAccess(f.payment_statuses, f.total)
  const needs: SweepNeed[] = []
  const subscriptionLines = f.lines.filter((l) => l.variant_id && f.subscription_variant_ids.includes(l.variant_id))
  if (
    subscriptionLines.length &&
    !f.has_subscription &&
    !f.is_renewal &&
    f.has_customer &&
    (paid || isZeroTotal(f.total))
  ) {
    needs.push("subscriptions")
  }
  const planned = [...f.one_time_variant_ids, ...f.subscription_variant_ids]
  if (autoCapture && f.has_uncaptured_authorized_payment && isDigitalOnlyOrder(f.lines, planned)) {
    needs.push("capture")
  }
  // Whoever captured (auto capture or staff), the money moved: finishing Medusa's own capture
  // workflow completes the collection, records the order transaction and emits payment.captured.
  if (f.has_unfinished_capture) {
    needs.push("finish_capture")
  }
  const granted = new Set(f.granted_line_ids)
  const ungranted = f.lines.some((l) => l.variant_id && f.one_time_variant_ids.includes(l.variant_id) && !granted.has(l.id))
  if (ungranted && f.has_customer && paid) {
    needs.push("grant")
  }
  return needs
}
