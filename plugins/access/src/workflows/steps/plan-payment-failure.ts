import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { nextDunningStep } from "../../rules/subscription-schedule"
import { accessPluginOptions } from "../../options"
import type { SubscriptionUpdate } from "./subscription-records"

export type PaymentFailurePlan =
  | { action: "skip" }
  | { action: "retry" | "cancel"; subscription_id: string; update: SubscriptionUpdate }

/**
 * After a failed charge of the due period (`attempts`: failed attempts so far): past_due
 * with the next retry (plugin option `subscriptionRetryDays`, default 1, 3, 5 days after
 * the first failure), or canceled when retries are spent or the org's grace period
 * (`settings.subscription_grace_days`) is over. Access stays until canceled. Reads only.
 */
export const planPaymentFailureStep = createStep(
  "plan-subscription-payment-failure",
  async (
    { subscription_id, period_index, attempts, now }: { subscription_id: string; period_index: number; attempts: number; now: Date },
    { container }
  ) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [sub] = await service.listSubscriptions({ id: subscription_id })
    if (!sub || sub.status === "canceled" || sub.status === "completed" || sub.payments_made >= period_index) {
      return new StepResponse<PaymentFailurePlan>({ action: "skip" })
    }
    let graceDays: number | null = null
    if (sub.org_id) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "org", fields: ["id", "settings"], filters: { id: sub.org_id } })
      const grace: unknown = (data[0]?.settings as Record<string, unknown> | null | undefined)?.subscription_grace_days
      graceDays = typeof grace === "number" && Number.isInteger(grace) && grace >= 0 ? grace : null
    }
    const at = new Date(now)
    const since = sub.past_due_since ? new Date(sub.past_due_since) : at
    const step = nextDunningStep(since, attempts, at, accessPluginOptions(container).subscriptionRetryDays, graceDays)
    if (step.action === "cancel") {
      return new StepResponse<PaymentFailurePlan>({
        action: "cancel",
        subscription_id,
        update: { id: subscription_id, status: "canceled", canceled_at: at, cancel_reason: "payment failed", next_charge_at: null, failed_attempts: attempts, past_due_since: since },
      })
    }
    return new StepResponse<PaymentFailurePlan>({
      action: "retry",
      subscription_id,
      update: { id: subscription_id, status: "past_due", next_charge_at: step.at, failed_attempts: attempts, past_due_since: since },
    })
  }
)
