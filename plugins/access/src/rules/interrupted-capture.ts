import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

/**
 * Medusa's `capturePayment` is three moves, not one transaction: it commits a capture row,
 * calls the provider, then sets the payment's `captured_at`. A process killed (or PostgreSQL
 * lost) between the first and the last leaves a capture that covers the whole amount on a
 * payment that is still not captured: Medusa then refuses every later capture ("cannot capture
 * more than the authorized amount"), so no `payment.captured`, no revenue posting, ever.
 */
export type CapturedPaymentFacts = {
  amount?: BigNumberInput | null
  captured_at?: Date | string | null
  canceled_at?: Date | string | null
  captures: { id: string; amount?: BigNumberInput | null; created_by?: string | null; created_at?: Date | string | null }[]
}

export type InterruptedCapture =
  /** Nothing in the way: capture as usual (what is left of the amount). */
  | { kind: "none" }
  /** Our own capture, abandoned: discard its rows (then capture again, under the order's lock). */
  | { kind: "discard"; capture_ids: string[] }
  /** Young enough to still be waiting on the provider: leave it for a later run. */
  | { kind: "in_progress" }
  /** Someone else's (staff's) unfinished capture: not ours to undo. */
  | { kind: "foreign" }

/**
 * Whether a payment is blocked by an unfinished capture and what auto capture may do about it.
 * Only captures written by `actor` (auto capture's `created_by`) are ever discarded, and only
 * once the newest is older than `graceMs` (the capture lock's life: its holder is gone). The
 * provider's idempotency is not relied on either way: Stripe answers a second capture of a
 * captured intent with the intent, the system provider does nothing.
 */
export function interruptedCapture(p: CapturedPaymentFacts, { actor, now, graceMs }: { actor: string; now: Date; graceMs: number }): InterruptedCapture {
  if (p.captured_at || p.canceled_at || !p.captures.length) return { kind: "none" }
  const captured = p.captures.reduce((sum, c) => MathBN.add(sum, MathBN.convert(c.amount ?? 0)), MathBN.convert(0))
  if (MathBN.lt(captured, MathBN.convert(p.amount ?? 0))) return { kind: "none" }
  if (p.captures.some((c) => c.created_by !== actor)) return { kind: "foreign" }
  const newest = Math.max(...p.captures.map((c) => (c.created_at ? new Date(c.created_at).getTime() : now.getTime())))
  if (now.getTime() - newest < graceMs) return { kind: "in_progress" }
  return { kind: "discard", capture_ids: p.captures.map((c) => c.id) }
}

/**
 * The second window of the same three moves, and the workflow's after them: Medusa's
 * capturePaymentWorkflow records the order transaction of each capture (and then emits
 * `payment.captured`) only after the payment module has set `captured_at` and settled the
 * collection. A process killed in between leaves a captured payment whose collection may
 * still say "authorized", no order transaction and no event, so no revenue posting, ever (the
 * hourly revenue net reads completed collections only). These are the captured, not
 * canceled payments with a capture that has no order transaction (`capture` reference):
 * running capturePaymentWorkflow on them again captures nothing more (Medusa skips a payment
 * with `captured_at`), settles the collection, adds only the missing transactions and emits.
 */
export function unfinishedCapturePaymentIds(
  payments: (Pick<CapturedPaymentFacts, "captured_at" | "canceled_at" | "captures"> & { id: string })[],
  capturesWithTransaction: Iterable<string>
): string[] {
  const recorded = new Set(capturesWithTransaction)
  return payments
    .filter((p) => p.captured_at && !p.canceled_at && p.captures.some((c) => !recorded.has(c.id)))
    .map((p) => p.id)
}
