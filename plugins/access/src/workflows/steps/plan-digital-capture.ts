import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { isDigitalOnlyOrder } from "../../rules/digital-order"

export type DigitalCapturePlan = { payment_ids: string[]; skipped: string }

/** Why an order is not captured at placement (the workflow's `skipped`). */
export const CAPTURE_SKIPPED = {
  NOT_FOUND: "order not found",
  CANCELED: "order is canceled",
  NOT_DIGITAL: "order has a line that is not digital access",
  NOTHING_LEFT: "no authorized payment left to capture",
} as const

const skip = (skipped: string) => new StepResponse<DigitalCapturePlan>({ payment_ids: [], skipped })

/**
 * The payments to capture now: an order that is not canceled, whose lines are all digital
 * access, and whose payments are authorized but not yet captured nor canceled. A replay
 * after a capture finds nothing left to capture. Reads only.
 */
export const planDigitalCaptureStep = createStep(
  "plan-digital-order-capture",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "status",
        "items.id",
        "items.variant_id",
        "items.requires_shipping",
        "payment_collections.status",
        "payment_collections.payments.id",
        "payment_collections.payments.captured_at",
        "payment_collections.payments.canceled_at",
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
      .filter((pc: any) => pc?.status === "authorized")
      .flatMap((pc: any) => pc.payments ?? [])
      .filter((p: any) => p && !p.captured_at && !p.canceled_at)
    if (!payments.length) return skip(CAPTURE_SKIPPED.NOTHING_LEFT)
    return new StepResponse<DigitalCapturePlan>({ payment_ids: payments.map((p: any) => p.id), skipped: "" })
  }
)
