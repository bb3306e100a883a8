import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { decidePeriodRefund } from "../../rules/period-refund"
import type { OrderRow, PaymentRow } from "../../types/records"

export type PeriodRefundPlan = {
  payment_id: string
  /** Decimal string in the order's currency: what staff asked, else all still captured and not refunded. */
  amount: string
  order_id: string
  /** The period refunded is the one the customer is in: the subscription is canceled now. */
  cancel: boolean
}

/**
 * Reads what refunding one paid period needs and decides it (rules/period-refund.ts): the
 * renewal must be this subscription's and paid, its order's payment captured and not yet
 * refunded in full. Reads only.
 */
export const planPeriodRefundStep = createStep(
  "plan-subscription-period-refund",
  async (input: { subscription_id: string; renewal_id: string; now: Date; amount?: string | null }, { container }): Promise<StepResponse<PeriodRefundPlan>> => {
    const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [sub] = await access.listSubscriptions({ id: input.subscription_id }, { select: ["id", "status"] })
    const [renewal] = await access.listSubscriptionRenewals(
      { id: input.renewal_id, subscription_id: input.subscription_id },
      { select: ["id", "status", "order_id", "period_start", "period_end"] }
    )
    if (!sub || !renewal) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Renewal "${input.renewal_id}" of subscription "${input.subscription_id}" was not found`)
    }
    let payments: { id: string; captured: string; refunded: string }[] = []
    let currency: string | undefined
    if (renewal.order_id) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data }: { data: OrderRow[] } = await query.graph({
        entity: "order",
        fields: ["id", "currency_code", "payment_collections.payments.id", "payment_collections.payments.captures.amount", "payment_collections.payments.refunds.amount"],
        filters: { id: renewal.order_id },
      })
      const sum = (rows: ({ amount?: BigNumberInput | null } | null)[] | null | undefined) =>
        (rows ?? []).reduce((acc, r) => (r ? MathBN.add(acc, r.amount ?? 0) : acc), MathBN.convert(0))
      currency = data[0]?.currency_code ?? undefined
      payments = (data[0]?.payment_collections ?? [])
        .flatMap((pc) => pc?.payments ?? [])
        .filter((p): p is PaymentRow => !!p)
        .map((p) => ({ id: p.id, captured: sum(p.captures).toString(), refunded: sum(p.refunds).toString() }))
    }
    const decision = decidePeriodRefund({
      subscription_status: sub.status,
      renewal: { status: renewal.status, order_id: renewal.order_id, period_start: new Date(renewal.period_start), period_end: new Date(renewal.period_end) },
      payments,
      now: new Date(input.now),
      amount: input.amount ?? null,
      currency_code: currency,
    })
    if (!decision.ok) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, decision.reason)
    }
    return new StepResponse({ payment_id: decision.payment_id, amount: decision.amount, order_id: renewal.order_id!, cancel: decision.cancel })
  }
)
