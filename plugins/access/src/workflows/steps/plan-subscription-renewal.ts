import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { addIntervals } from "../../rules/subscription-schedule"
import type { SubscriptionRecord } from "../../types/records"

export type RenewalPlan =
  | { action: "skip"; reason: string }
  | { action: "end"; subscription: SubscriptionRecord }
  | {
      action: "charge"
      subscription: SubscriptionRecord
      period_index: number
      period_start: Date
      period_end: Date
      final: boolean
    }

/**
 * What the renewal job should do for one subscription now: nothing (not due, or ended),
 * end it (canceled at period end, period over), or charge period `payments_made + 1`
 * (its dates from the billing anchor; `final` when it is the last installment). Reads only.
 */
export const planSubscriptionRenewalStep = createStep(
  "plan-subscription-renewal",
  async ({ subscription_id, now }: { subscription_id: string; now: Date }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [sub] = await service.listSubscriptions({ id: subscription_id })
    if (!sub) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Subscription "${subscription_id}" was not found`)
    }
    const at = new Date(now)
    const skip = (reason: string) => new StepResponse<RenewalPlan>({ action: "skip", reason })
    if (sub.status === "canceled" || sub.status === "completed") return skip(`subscription is ${sub.status}`)
    if (!sub.next_charge_at || new Date(sub.next_charge_at) > at) return skip("not due")
    if (sub.cancel_at_period_end) return new StepResponse<RenewalPlan>({ action: "end", subscription: sub })
    const index = sub.payments_made + 1
    const anchor = new Date(sub.billing_anchor)
    const n = sub.interval_count
    return new StepResponse<RenewalPlan>({
      action: "charge",
      // A pending downgrade (plan switch) is what this period bills; the workflow then applies it.
      subscription: sub.pending_variant_id ? { ...sub, variant_id: sub.pending_variant_id } : sub,
      period_index: index,
      period_start: addIntervals(anchor, sub.interval, (index - 1) * n),
      period_end: addIntervals(anchor, sub.interval, index * n),
      final: sub.max_payments !== null && index >= sub.max_payments,
    })
  }
)
