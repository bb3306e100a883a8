import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { SweepNeed } from "../../rules/sweep-placed-orders"
import { subscriptionNow } from "../../utils/clock"
import { captureDigitalOrderWorkflow } from "../capture-digital-order"
import { finishInterruptedCaptureWorkflow } from "../finish-interrupted-capture"
import { grantEntitlementsForOrderWorkflow } from "../grant-entitlements-for-order"
import { startSubscriptionsForOrderWorkflow } from "../start-subscriptions-for-order"

export type SweptOrder = { order_id: string; repaired: SweepNeed[] }
export type SweepRecovery = { swept: SweptOrder[]; failed: { order_id: string; need: SweepNeed; message: string }[] }

/**
 * Runs, per order and need, the very workflow its order.placed subscriber runs (each locks
 * on the order and creates only what is missing, so a sweep racing a late event, another
 * worker's sweep or itself changes nothing twice): startSubscriptionsForOrderWorkflow,
 * captureDigitalOrderWorkflow (grants first, then captures; Medusa's capture emits
 * `payment.captured`, which posts the revenue), finishInterruptedCaptureWorkflow (a capture
 * that died after `captured_at`), grantEntitlementsForOrderWorkflow. Each is its
 * own transaction with its own compensation; a failure (a lock still held by a dead worker)
 * is reported and left for the next run, the other orders go on. No compensation here.
 */
export const recoverSweptOrdersStep = createStep(
  "recover-swept-orders",
  async ({ orders }: { orders: { order_id: string; needs: SweepNeed[] }[] }, { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const out: SweepRecovery = { swept: [], failed: [] }
    for (const { order_id, needs } of orders) {
      const repaired: SweepNeed[] = []
      for (const need of needs) {
        // The capture workflow grants before it captures: a separate grant is then redundant.
        if (need === "grant" && repaired.includes("capture")) {
          repaired.push("grant")
          continue
        }
        const { errors, result } =
          need === "subscriptions"
            ? await startSubscriptionsForOrderWorkflow(container).run({ input: { order_id, now: subscriptionNow(container) }, throwOnError: false })
            : need === "capture"
              ? await captureDigitalOrderWorkflow(container).run({ input: { order_id }, throwOnError: false })
              : need === "finish_capture"
                ? await finishInterruptedCaptureWorkflow(container).run({ input: { order_id }, throwOnError: false })
                : await grantEntitlementsForOrderWorkflow(container).run({ input: { order_id }, throwOnError: false })
        // Not repaired either: the provider refused the capture, or the workflow's own plan
        // (under its lock) found nothing to do where the sweep saw something missing.
        const outcome = result as { failed?: { message: string }[]; skipped?: string | null } | undefined
        const refused = outcome?.failed?.length ? `capture refused: ${outcome.failed[0].message}` : outcome?.skipped ? `skipped: ${outcome.skipped}` : ""
        if (errors?.length || refused) {
          const message = errors?.length ? errors.map((e) => e?.error?.message ?? String(e?.error)).join("; ") : refused
          out.failed.push({ order_id, need, message })
          logger.warn(`sweep-placed-orders: order ${order_id}: ${need} failed, left for the next run: ${message}`)
        } else {
          repaired.push(need)
        }
      }
      if (repaired.length) out.swept.push({ order_id, repaired })
    }
    return new StepResponse(out)
  }
)
