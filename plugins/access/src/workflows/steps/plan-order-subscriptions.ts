import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import { isOrderPaidForAccess, isZeroTotal } from "../../rules/paid-order"
import { addDays, addIntervals } from "../../rules/subscription-schedule"
import type { OrderItemRow, OrderRow, PaymentRow, SubscriptionFields } from "../../types/records"
import { savedPaymentMethodOf } from "../../utils/saved-payment-method"

/** `access_starts_at`: when the order was placed (real time: the gate compares with it). */
export type NewSubscription = SubscriptionFields & { origin_order_id: string; product_ids: string[]; access_starts_at: Date }
export type OrderSubscriptionPlan = { to_create: NewSubscription[]; skipped: string }

type ProductOrgRow = { id: string; org?: { id: string } | null }
type OrgProductsRow = { id: string; products?: ({ id: string } | null)[] | null }

/** The saved payment method of a payment: its provider and what the provider needs off-session. */
export function paymentMethodRef(payment: Pick<PaymentRow, "data"> | null | undefined): Record<string, string> | null {
  const data = payment?.data ?? {}
  // Stripe's payment intent: `payment_method` is an id, or the expanded object with its id.
  const method = typeof data.payment_method === "string" ? data.payment_method : (data.payment_method as { id?: string } | null | undefined)?.id
  const ref: Record<string, string> = {}
  if (method) ref.payment_method = method
  if (typeof data.customer === "string") ref.customer = data.customer
  return Object.keys(ref).length ? ref : null
}

/**
 * The subscriptions an order starts: one per line whose variant has a `subscription` plan,
 * when the order has a customer, is paid (or free) and is not itself a renewal (renewal
 * carts carry `metadata.subscription_id`). Terms are copied from the plan; with a trial (the
 * plan has one and the line was free) the first charge is at the trial's end, else the order
 * paid period 1. Reads only.
 */
export const planOrderSubscriptionsStep = createStep(
  "plan-order-subscriptions",
  async ({ order_id, now: when }: { order_id: string; now: Date }, { container }): Promise<StepResponse<OrderSubscriptionPlan>> => {
    const now = new Date(when) // workflow inputs arrive serialized
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const skip = (skipped: string) => new StepResponse({ to_create: [] as NewSubscription[], skipped })
    const {
      data: [order],
    }: { data: (OrderRow | undefined)[] } = await query.graph({
      entity: "order",
      fields: [
        "id", "created_at", "status", "customer_id", "email", "region_id", "currency_code", "sales_channel_id", "metadata", "total",
        "items.id", "items.variant_id", "items.total", "payment_collections.status",
        "payment_collections.payments.provider_id", "payment_collections.payments.data", "region.payment_providers.id",
      ],
      filters: { id: order_id },
    })
    if (!order) return skip("order not found")
    if (order.metadata?.subscription_id) return skip("renewal order")
    if (!order.customer_id) return skip("order has no customer")
    if (order.status === "canceled") return skip("order is canceled")
    const statuses = (order.payment_collections ?? []).map((pc) => pc?.status)
    // A free checkout (a trial made free by a promotion) owes no payment whatever the collection says.
    if (!isOrderPaidForAccess(statuses, order.total) && !isZeroTotal(order.total)) return skip(`payment is ${statuses.join(", ") || "missing"}`)
    const items = (order.items ?? []).filter((i): i is OrderItemRow & { variant_id: string } => !!i?.variant_id)
    if (!items.length) return skip("no items")

    const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [plans, existing] = await Promise.all([
      access.listAccessPlans({ variant_id: items.map((i) => i.variant_id), billing: "subscription" }),
      access.listSubscriptions({ origin_order_id: order.id }, { select: ["id"] }),
    ])
    if (!plans.length) return skip("no subscription plan")
    if (existing.length) return skip("already started")

    const { data: products }: { data: ProductOrgRow[] } = await query.graph({
      entity: "product",
      fields: ["id", "org.id"],
      filters: { id: [...new Set(plans.map((p) => p.product_id))] },
    })
    const orgIds = [...new Set(products.map((p) => p.org?.id).filter((id): id is string => !!id))]
    const { data: orgs }: { data: OrgProductsRow[] } = orgIds.length
      ? await query.graph({ entity: "org", fields: ["id", "products.id"], filters: { id: orgIds } })
      : { data: [] }
    const orgProducts = new Map(orgs.map((o) => [o.id, (o.products ?? []).flatMap((p) => (p ? [p.id] : []))]))
    const productById = new Map(products.map((p) => [p.id, p]))
    const payment = (order.payment_collections ?? []).flatMap((pc) => pc?.payments ?? []).find(Boolean)
    // The method renewals charge: the checkout payment's own (Stripe: its payment_method,
    // saved with setup_future_usage), else for a free (trial) checkout the one the customer
    // saved through the payment module before it (POST /store/customers/me/payment-methods). With neither,
    // the first charge fails into dunning until the customer adds one.
    const regionProviders: string[] = (order.region?.payment_providers ?? []).map((p) => p?.id).filter((id): id is string => !!id)
    const freeCheckout = !payment || isZeroTotal(order.total)
    const saved = freeCheckout && !paymentMethodRef(payment) ? await savedPaymentMethodOf(container, order.customer_id!, regionProviders) : null
    const provider =
      saved?.provider_id ?? payment?.provider_id ?? regionProviders.find((p) => p !== "pp_system_default") ?? regionProviders[0] ?? "pp_system_default"
    const methodRef = saved?.ref ?? paymentMethodRef(payment)
    const planByVariant = new Map(plans.map((p) => [p.variant_id, p]))
    const toCreate: NewSubscription[] = items
      .filter((i) => planByVariant.has(i.variant_id))
      .map((i): NewSubscription => {
        const plan = planByVariant.get(i.variant_id)!
        const product = productById.get(plan.product_id)
        // A trial only when the line was free (applySubscriptionTrial, or any 100 % promotion):
        // a line the customer paid for has paid period 1, and a trial on top would bill it twice.
        const trial = (plan.trial_days ?? 0) > 0 && isZeroTotal(i.total)
        const anchor = trial ? addDays(now, plan.trial_days) : now
        const periodEnd = trial ? anchor : addIntervals(anchor, plan.interval!, plan.interval_count!)
        const done = !trial && plan.max_payments === 1
        return {
          customer_id: order.customer_id!,
          org_id: product?.org?.id ?? null,
          plan_id: plan.id,
          variant_id: plan.variant_id,
          product_id: plan.product_id,
          tier: plan.tier,
          scope: plan.scope,
          interval: plan.interval!,
          interval_count: plan.interval_count!,
          max_payments: plan.max_payments,
          status: trial ? "trialing" : done ? "completed" : "active",
          origin_order_id: order.id,
          email: order.email ?? null,
          region_id: order.region_id!,
          currency_code: order.currency_code!,
          sales_channel_id: order.sales_channel_id ?? null,
          payment_provider_id: provider,
          payment_method_ref: methodRef,
          trial_ends_at: trial ? anchor : null,
          billing_anchor: anchor,
          current_period_start: now,
          current_period_end: periodEnd,
          next_charge_at: done ? null : periodEnd,
          payments_made: trial ? 0 : 1,
          access_starts_at: new Date(order.created_at!),
          product_ids:
            plan.scope === "org"
              ? orgProducts.get(product?.org?.id ?? "") ?? [plan.product_id]
              : [plan.product_id],
        }
      })
    return new StepResponse({ to_create: toCreate, skipped: "" })
  }
)
