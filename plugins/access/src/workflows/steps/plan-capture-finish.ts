import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderRow } from "../../types/records"
import { unfinishedCapturePayments } from "./find-orders-to-sweep"

/** Why there is no capture to finish (the workflow's `skipped`). */
export const FINISH_SKIPPED = {
  NOT_FOUND: "order not found",
  NOTHING: "no captured payment without its order transaction",
} as const

/**
 * The order's captured payments whose capture has no order transaction (a capture workflow
 * that died after the payment module's capture: rules/interrupted-capture), read under the
 * order's capture lock so a capture still running is not taken for a dead one. Reads only.
 */
export const planCaptureFinishStep = createStep("plan-capture-finish", async ({ order_id }: { order_id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  }: { data: (OrderRow | undefined)[] } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.captures.id",
      "transactions.reference",
      "transactions.reference_id",
    ],
    filters: { id: order_id },
  })
  if (!order) return new StepResponse({ payment_ids: [] as string[], skipped: FINISH_SKIPPED.NOT_FOUND })
  const payment_ids = unfinishedCapturePayments(order)
  return new StepResponse({ payment_ids, skipped: payment_ids.length ? "" : FINISH_SKIPPED.NOTHING })
})
