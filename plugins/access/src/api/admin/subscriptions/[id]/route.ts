import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../../../../modules/access"
import type AccessModuleService from "../../../../modules/access/service"
import type { OrderRow } from "../../../../types/records"
import { withNextCharge } from "../../../utils/subscriptions"
import { subscriptionInScope } from "../scope"

/**
 * GET /admin/subscriptions/:id: one subscription with its renewal records (period, status,
 * order) and, per paid period, its order's total, display id and refunded amount (one query).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const sub = await subscriptionInScope(req)
  const renewals = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptionRenewals(
      { subscription_id: sub.id },
      { select: ["id", "period_index", "status", "attempts", "order_id", "last_error", "period_start", "period_end"], order: { period_index: "ASC" } }
    )
  const orderIds = renewals.map((r) => r.order_id).filter(Boolean) as string[]
  const orders = new Map<string, { display_id?: number | null; total?: BigNumberInput | null; refunded_amount: number }>()
  if (orderIds.length) {
    const { data }: { data: OrderRow[] } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "order",
      fields: ["id", "display_id", "total", "payment_collections.payments.refunds.amount"],
      filters: { id: orderIds },
    })
    for (const o of data) {
      const refunds = (o.payment_collections ?? []).flatMap((pc) => (pc?.payments ?? []).flatMap((p) => p?.refunds ?? []))
      const refunded = refunds.reduce((acc, r) => (r ? MathBN.add(acc, r.amount ?? 0) : acc), MathBN.convert(0))
      orders.set(o.id, { display_id: o.display_id, total: o.total, refunded_amount: MathBN.convert(refunded).toNumber() })
    }
  }
  const [withCharge] = await withNextCharge(req, [sub])
  res.json({
    subscription: {
      ...withCharge,
      renewals: renewals.map((r) => {
        const o = r.order_id ? orders.get(r.order_id) : null
        return { ...r, order_display_id: o?.display_id ?? null, order_total: o?.total ?? null, refunded_amount: o?.refunded_amount ?? 0 }
      }),
    },
  })
}
