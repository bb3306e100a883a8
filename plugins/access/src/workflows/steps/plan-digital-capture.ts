import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { isDigitalOnlyOrder } from "../../rules/digital-order"
import { interruptedCapture } from "../../rules/interrupted-capture"
import type { OrderRow, PaymentRow } from "../../types/records"

/** `created_by` of the captures auto capture makes (and the only ones it may discard). */
export const AUTO_CAPTURE_ACTOR = "volmify-auto-capture"
/** How old an unfinished auto capture must be to count as abandoned: the capture lock's ttl. */
export const INTERRUPTED_CAPTURE_GRACE_MS = 120_000

export type DigitalCapturePlan = {
  payment_ids: string[]
  /** Capture rows of abandoned auto captures (see rules/interrupted-capture), discarded first. */
  discard_capture_ids: string[]
  skipped: string
}

/** Why an order is not captured at placement (the workflow's `skipped`). */
export const CAPTURE_SKIPPED = {
  NOT_FOUND: "order not found",
  CANCELED: "order is canceled",
  NOT_DIGITAL: "order has a line that is not digital access",
  NOTHING_LEFT: "no authorized payment left to capture",
  IN_PROGRESS: "a capture in progress (younger than the capture lock) holds the payment",
  FOREIGN: "an unfinished capture not made by auto capture holds the payment (staff's to settle)",
} as const

const skip = (skipped: string) => new StepResponse<DigitalCapturePlan>({ payment_ids: [], discard_capture_ids: [], skipped })

/**
 * The payments to capture now: an order that is not canceled, whose lines are all digital
 * access, and whose payments are authorized but not yet captured nor canceled. A replay
 * after a capture finds nothing left to capture. A payment held by an abandoned auto capture
 * (its process died between Medusa's capture row and `captured_at`) is captured again after
 * its rows are discarded; a young or staff-made one is left alone. Reads only.
 */
export const planDigitalCaptureStep = createStep(
  "plan-digital-order-capture",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    }: { data: (OrderRow | undefined)[] } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "status",
        "items.id",
        "items.variant_id",
        "items.requires_shipping",
        "payment_collections.status",
        "payment_collections.payments.id",
        "payment_collections.payments.amount",
        "payment_collections.payments.captured_at",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.captures.id",
        "payment_collections.payments.captures.amount",
        "payment_collections.payments.captures.created_by",
        "payment_collections.payments.captures.created_at",
      ],
      filters: { id: order_id },
    })
    if (!order) return skip(CAPTURE_SKIPPED.NOT_FOUND)
    if (order.status === "canceled") return skip(CAPTURE_SKIPPED.CANCELED)
    const items = (order.items ?? []).filter(Boolean) as { variant_id?: string | null; requires_shipping?: boolean }[]
    const variantIds = items.map((i) => i.variant_id).filter((v): v is string => !!v)
    const plans = variantIds.length
      ? await container
          .resolve<AccessModuleService>(ACCESS_MODULE)
          .listAccessPlans({ variant_id: variantIds }, { select: ["variant_id"] })
      : []
    if (!isDigitalOnlyOrder(items, plans.map((p) => p.variant_id))) return skip(CAPTURE_SKIPPED.NOT_DIGITAL)
    const payments = (order.payment_collections ?? [])
      .filter((pc) => pc?.status === "authorized")
      .flatMap((pc) => pc!.payments ?? [])
      .filter((p): p is PaymentRow => !!p && !p.captured_at && !p.canceled_at)
    if (!payments.length) return skip(CAPTURE_SKIPPED.NOTHING_LEFT)
    const now = new Date()
    const plan: DigitalCapturePlan = { payment_ids: [], discard_capture_ids: [], skipped: "" }
    const held: string[] = []
    for (const p of payments) {
      const blocked = interruptedCapture(
        { ...p, captures: (p.captures ?? []).filter((c): c is NonNullable<typeof c> => !!c) },
        { actor: AUTO_CAPTURE_ACTOR, now, graceMs: INTERRUPTED_CAPTURE_GRACE_MS }
      )
      if (blocked.kind === "in_progress") held.push(CAPTURE_SKIPPED.IN_PROGRESS)
      else if (blocked.kind === "foreign") held.push(CAPTURE_SKIPPED.FOREIGN)
      else {
        plan.payment_ids.push(p.id)
        if (blocked.kind === "discard") plan.discard_capture_ids.push(...blocked.capture_ids)
      }
    }
    if (!plan.payment_ids.length) return skip(held[0])
    return new StepResponse<DigitalCapturePlan>(plan)
  }
)
