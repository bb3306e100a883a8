import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { unfinishedCapturePaymentIds } from "../../rules/interrupted-capture"
import { placedOrderNeeds, type SweepNeed, type SweepOrderFacts } from "../../rules/sweep-placed-orders"
import type { OrderRow } from "../../types/records"

export type OrdersToSweepInput = {
  /** Orders placed at or after this time are looked at (the window's far end). */
  since: Date | string
  /** Orders placed after this time are left to the order.placed subscribers (the young window). */
  until: Date | string
  /** Page cursor: only orders with a smaller display_id (newest first). */
  before_display_id?: number | null
  limit: number
  auto_capture: boolean
}

export type OrdersToSweep = {
  examined: number
  orders: { order_id: string; needs: SweepNeed[] }[]
  /** The cursor of the next page, or null when the window is done. */
  next_before_display_id: number | null
}

/**
 * One page of recent orders, newest first by `display_id` (Medusa's indexed serial; the order
 * table has no index on created_at), with what each lacks of its order.placed effects. The
 * page stops at the first order older than `since`, so a run reads the window and no further.
 * Four queries per page whatever its size (orders, their lines and payments, the access rows,
 * the totals of free orders). Reads only.
 */
export const findOrdersToSweepStep = createStep(
  "find-placed-orders-to-sweep",
  async (input: OrdersToSweepInput, { container }): Promise<StepResponse<OrdersToSweep>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const since = new Date(input.since)
    const until = new Date(input.until)
    const { data: page }: { data: (OrderRow & { created_at: Date | string; status: string })[] } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "created_at", "status", "customer_id", "metadata"],
      filters: input.before_display_id ? { display_id: { $lt: input.before_display_id } } : {},
      pagination: { take: input.limit, order: { display_id: "DESC" } },
    })
    const inWindow = page.filter((o) => new Date(o.created_at) >= since)
    const reachedEnd = page.length < input.limit || inWindow.length < page.length
    const next = reachedEnd ? null : Number(page[page.length - 1].display_id)
    const settled = inWindow.filter((o) => new Date(o.created_at) <= until)
    if (!settled.length) return new StepResponse({ examined: 0, orders: [], next_before_display_id: next })

    const ids = settled.map((o) => o.id)
    const { data: details }: { data: OrderRow[] } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "items.id",
        "items.variant_id",
        "items.requires_shipping",
        "payment_collections.status",
        "payment_collections.payments.id",
        "payment_collections.payments.captured_at",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.captures.id",
        "transactions.reference",
        "transactions.reference_id",
      ],
      filters: { id: ids },
    })
    const detailOf = new Map(details.map((d) => [d.id, d]))
    const variantIds = [...new Set(details.flatMap((d) => (d.items ?? []).map((i) => i?.variant_id).filter((v): v is string => !!v)))]
    const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [plans, grants, subscriptions] = await Promise.all([
      variantIds.length ? access.listAccessPlans({ variant_id: variantIds }, { select: ["variant_id", "billing"] }) : Promise.resolve([]),
      access.listEntitlements({ order_id: ids, source_type: "order_line_item" }, { select: ["order_id", "source_id"] }),
      access.listSubscriptions({ origin_order_id: ids }, { select: ["origin_order_id"] }),
    ])
    // A free checkout has no payment collection: only then is the total needed (computed by Medusa).
    const free = ids.filter((id) => !(detailOf.get(id)?.payment_collections ?? []).filter(Boolean).length)
    const { data: totals }: { data: OrderRow[] } = free.length ? await query.graph({ entity: "order", fields: ["id", "total"], filters: { id: free } }) : { data: [] }
    const totalOf = new Map(totals.map((t) => [t.id, t.total]))

    const oneTime = plans.filter((p) => p.billing === "one_time").map((p) => p.variant_id)
    const recurring = plans.filter((p) => p.billing === "subscription").map((p) => p.variant_id)
    const grantedLines = new Set(grants.map((g) => g.source_id))
    const started = new Set(subscriptions.map((s) => s.origin_order_id))
    const orders: OrdersToSweep["orders"] = []
    for (const o of settled) {
      const d: Partial<OrderRow> = detailOf.get(o.id) ?? {}
      const lines = (d.items ?? []).flatMap((i) => (i ? [{ id: i.id, variant_id: i.variant_id, requires_shipping: i.requires_shipping }] : []))
      const collections = (d.payment_collections ?? []).flatMap((pc) => (pc ? [pc] : []))
      const facts: SweepOrderFacts = {
        status: o.status,
        has_customer: !!o.customer_id,
        is_renewal: !!o.metadata?.subscription_id,
        payment_statuses: collections.map((pc) => pc.status),
        total: totalOf.get(o.id),
        has_uncaptured_authorized_payment: collections.some(
          (pc) => pc.status === "authorized" && (pc.payments ?? []).some((p) => p && !p.captured_at && !p.canceled_at)
        ),
        has_unfinished_capture: unfinishedCapturePayments(d).length > 0,
        lines,
        one_time_variant_ids: oneTime.filter((v) => lines.some((l) => l.variant_id === v)),
        subscription_variant_ids: recurring.filter((v) => lines.some((l) => l.variant_id === v)),
        granted_line_ids: lines.filter((l) => grantedLines.has(l.id)).map((l) => l.id),
        has_subscription: started.has(o.id),
      }
      const needs = placedOrderNeeds(facts, { autoCapture: input.auto_capture })
      if (needs.length) orders.push({ order_id: o.id, needs })
    }
    return new StepResponse({ examined: settled.length, orders, next_before_display_id: next })
  }
)

/** The order's captured payments with a capture that has no order transaction (rules/interrupted-capture). */
export function unfinishedCapturePayments(order: Partial<OrderRow>): string[] {
  const payments = (order.payment_collections ?? []).flatMap((pc) => (pc?.payments ?? []).flatMap((p) => (p ? [p] : [])))
  const recorded = (order.transactions ?? []).flatMap((t) => (t?.reference === "capture" && t.reference_id ? [t.reference_id] : []))
  return unfinishedCapturePaymentIds(
    payments.map((p) => ({ id: p.id, captured_at: p.captured_at, canceled_at: p.canceled_at, captures: (p.captures ?? []).flatMap((c) => (c ? [c] : [])) })),
    recorded
  )
}
