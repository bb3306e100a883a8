import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORDER_REFERENCE } from "../workflows/steps/plan-order-posting"
import { postOrdersRevenueWorkflow } from "../workflows/post-order-revenue"

export const LOOKBACK_DAYS = 7
const PAGE = 1000
const BATCH = 500

/**
 * The safety net under `payment.captured`: orders whose payment collection was captured in
 * full since `since` and that have no revenue posting (the event was lost, or its retries
 * ran out) are posted through the backlog workflow, 500 at a time. Reads ids only until it
 * knows which orders are missing; a second run finds none.
 */
export async function postMissedRevenue(container: MedusaContainer, { since }: { since: Date }) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orderIds = new Set<string>()
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query.graph({
      entity: "payment_collection",
      fields: ["id", "order.id"],
      filters: { status: "completed", completed_at: { $gte: since } },
      pagination: { skip, take: PAGE, order: { completed_at: "ASC" } },
    })
    for (const pc of data as any[]) if (pc.order?.id) orderIds.add(pc.order.id)
    if (data.length < PAGE) break
  }
  const ids = [...orderIds]
  const missing: string[] = []
  for (let at = 0; at < ids.length; at += PAGE) {
    const chunk = ids.slice(at, at + PAGE)
    const { data: posted } = await query.graph({
      entity: "ledger_transaction",
      fields: ["reference_id"],
      filters: { reference_type: ORDER_REFERENCE, reference_id: chunk },
    })
    const done = new Set(posted.map((t: any) => t.reference_id))
    missing.push(...chunk.filter((id) => !done.has(id)))
  }
  const posted: string[] = []
  const skipped: { order_id: string; reason: string }[] = []
  for (let at = 0; at < missing.length; at += BATCH) {
    const { result } = await postOrdersRevenueWorkflow(container).run({ input: { order_ids: missing.slice(at, at + BATCH) } })
    posted.push(...result.posted)
    skipped.push(...result.skipped)
  }
  return { captured_orders: ids.length, posted, skipped }
}

/** Hourly: post the revenue of captured orders of the last 7 days that have none. */
export default async function postMissedRevenueJob(container: MedusaContainer) {
  const { posted } = await postMissedRevenue(container, { since: new Date(Date.now() - LOOKBACK_DAYS * 86_400_000) })
  if (posted.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`post-missed-revenue: posted ${posted.length} captured order(s) that had no revenue posting`)
  }
}

export const config = { name: "post-missed-revenue", schedule: "20 * * * *" }
