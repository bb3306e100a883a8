import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_REFERENCE } from "./plan-order-posting"

const PAGE = 1000

/**
 * Orders whose payment collection was completed (captured in full) since `since` and that
 * have no revenue posting: ids only, ascending, those after `after`, at most `limit`.
 * Reads only.
 */
export const findMissedRevenueStep = createStep(
  "find-missed-revenue",
  async (input: { since: Date | string; after?: string | null; limit: number }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const orderIds = new Set<string>()
    for (let skip = 0; ; skip += PAGE) {
      const { data } = await query.graph({
        entity: "payment_collection",
        fields: ["id", "order.id"],
        filters: { status: "completed", completed_at: { $gte: new Date(input.since) } },
        pagination: { skip, take: PAGE, order: { completed_at: "ASC" } },
      })
      for (const pc of data as { order?: { id: string } | null }[]) if (pc.order?.id) orderIds.add(pc.order.id)
      if (data.length < PAGE) break
    }
    const ids = [...orderIds].filter((id) => !input.after || id > input.after).sort()
    const missing: string[] = []
    for (let at = 0; at < ids.length && missing.length < input.limit; at += PAGE) {
      const chunk = ids.slice(at, at + PAGE)
      const { data: posted } = await query.graph({
        entity: "ledger_transaction",
        fields: ["reference_id"],
        filters: { reference_type: ORDER_REFERENCE, reference_id: chunk },
      })
      const done = new Set((posted as { reference_id: string }[]).map((t) => t.reference_id))
      missing.push(...chunk.filter((id) => !done.has(id)))
    }
    return new StepResponse({ captured_orders: orderIds.size, order_ids: missing.slice(0, input.limit) })
  }
)
