import type { MedusaRequest } from "@medusajs/framework/http"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import type { PricedVariantRow, SubscriptionRecord } from "../../types/records"

/** The key's org, as @volmify/orgs decides it (404 without org, 403 suspended). */
export { resolveStoreOrg } from "@volmify/orgs/tenancy"

export const SUBSCRIPTION_FIELDS = [
  "id", "customer_id", "org_id", "plan_id", "variant_id", "product_id", "tier", "scope", "interval", "interval_count",
  "max_payments", "status", "origin_order_id", "region_id", "currency_code", "trial_ends_at", "current_period_start",
  "current_period_end", "next_charge_at", "cancel_at_period_end", "canceled_at", "cancel_reason", "payments_made",
  "failed_attempts", "past_due_since", "created_at",
  "pending_variant_id", "pending_plan_id", "payment_provider_id",
] as const

/**
 * Subscriptions with what a list shows beside them: the next charge's amount (the plan
 * variant's current price in the subscription's region and currency, what the renewal
 * cart will charge; null when nothing more will be charged) and the product's title.
 */
export async function withNextCharge<S extends Pick<SubscriptionRecord, "region_id" | "currency_code" | "variant_id" | "pending_variant_id" | "next_charge_at">>(
  req: MedusaRequest,
  subs: S[]
): Promise<(S & { product_title: string | null; next_charge_amount: BigNumberInput | null })[]> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const groups = new Map<string, S[]>()
  for (const s of subs) {
    const key = `${s.region_id}|${s.currency_code}`
    groups.set(key, [...(groups.get(key) ?? []), s])
  }
  const amount = new Map<string, BigNumberInput | null>()
  const titles = new Map<string, string | null | undefined>()
  for (const [key, group] of groups) {
    const [region_id, currency_code] = key.split("|")
    const { data }: { data: PricedVariantRow[] } = await query.graph({
      entity: "product_variant",
      fields: ["id", "calculated_price.calculated_amount", "product.title"],
      filters: { id: [...new Set(group.flatMap((s) => [s.variant_id, s.pending_variant_id].filter(Boolean)))] },
      context: { calculated_price: QueryContext({ region_id, currency_code }) },
    })
    for (const v of data) {
      amount.set(`${key}|${v.id}`, v.calculated_price?.calculated_amount ?? null)
      titles.set(v.id, v.product?.title)
    }
  }
  return subs.map((s) => ({
    ...s,
    product_title: titles.get(s.variant_id) ?? null,
    // A pending downgrade is what the next renewal bills.
    next_charge_amount: s.next_charge_at ? amount.get(`${s.region_id}|${s.currency_code}|${s.pending_variant_id ?? s.variant_id}`) ?? null : null,
  }))
}
