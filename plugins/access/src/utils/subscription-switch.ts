import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, QueryContext } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { currencyDecimals, fromMinorUnits, prorateUpgrade, switchKind, toMinorUnits } from "../rules/subscription-proration"
import type { PricedVariantRow, SubscriptionRecord } from "../types/records"

export type SwitchQuote = {
  subscription_id: string
  /** upgrade: applies now (charged `amount` now); downgrade: at the period's end; keep: drops a pending downgrade. */
  kind: "upgrade" | "downgrade" | "keep"
  applies: "now" | "period_end"
  currency_code: string
  /** Charged now, in major units as Medusa's amounts (USD 12.34, JPY 806); `amount_minor` in the currency's smallest unit. */
  amount: number
  amount_minor: number
  remaining_seconds: number
  period_seconds: number
  period_end: Date
  from: { variant_id: string; plan_id: string; tier: number; amount: number }
  to: { variant_id: string; plan_id: string; tier: number; amount: number; product_id: string }
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * What switching subscription `subscription_id` to `variant_id` does now (reads only).
 * The target must be a `subscription` plan of the same product (another tier of the same
 * course or membership) with the same interval and scope and a price in the
 * subscription's region and currency. A trialing subscription switches at once with no
 * charge (nothing was paid yet); a past-due, canceled or completed one, or one set to
 * cancel at period end, cannot switch. Choosing the current plan drops a pending downgrade.
 */
export async function quoteSubscriptionSwitch(
  container: MedusaContainer,
  { subscription_id, variant_id, now }: { subscription_id: string; variant_id: string; now: Date }
): Promise<SwitchQuote> {
  const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
  const [sub] = await access.listSubscriptions({ id: subscription_id })
  if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Subscription "${subscription_id}" was not found`)
  if (sub.status === "past_due") throw invalid(`Subscription "${sub.id}" is past due: update the payment method before switching plans`)
  if (!["trialing", "active"].includes(sub.status)) throw invalid(`Subscription "${sub.id}" is ${sub.status}: it can no longer switch plans`)
  if (sub.cancel_at_period_end) throw invalid(`Subscription "${sub.id}" ends at its period end: resume it before switching plans`)

  const [target] = await access.listAccessPlans({ variant_id })
  if (!target || target.billing !== "subscription" || target.product_id !== sub.product_id) {
    throw invalid(`variant_id "${variant_id}" is not a subscription plan of this subscription's product`)
  }
  if (target.interval !== sub.interval || target.interval_count !== sub.interval_count) {
    throw invalid(`variant_id "${variant_id}" bills every ${target.interval_count} ${target.interval}, this subscription every ${sub.interval_count} ${sub.interval}: only plans with the same interval can be switched to`)
  }
  if (target.scope !== sub.scope) throw invalid(`variant_id "${variant_id}" grants a different scope (${target.scope}) than this subscription (${sub.scope})`)

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants }: { data: PricedVariantRow[] } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.calculated_amount"],
    filters: { id: [...new Set([sub.variant_id, variant_id])] },
    context: { calculated_price: QueryContext({ region_id: sub.region_id, currency_code: sub.currency_code }) },
  })
  const decimals = currencyDecimals(sub.currency_code)
  const priceOf = (id: string) => {
    const amount = variants.find((v) => v.id === id)?.calculated_price?.calculated_amount
    if (amount === null || amount === undefined) {
      throw invalid(`variant_id "${id}" has no price in ${sub.currency_code.toUpperCase()} for this subscription's region`)
    }
    return toMinorUnits(typeof amount === "object" ? String(amount) : amount, decimals)
  }
  const oldMinor = priceOf(sub.variant_id)
  const newMinor = priceOf(variant_id)
  const from = { variant_id: sub.variant_id, plan_id: sub.plan_id, tier: sub.tier, amount: Number(fromMinorUnits(oldMinor, decimals)) }
  const to = { variant_id, plan_id: target.id, tier: target.tier, amount: Number(fromMinorUnits(newMinor, decimals)), product_id: target.product_id }
  const periodEnd = new Date(sub.current_period_end)
  const base = { subscription_id: sub.id, currency_code: sub.currency_code, period_end: periodEnd, from, to }

  if (variant_id === sub.variant_id) {
    if (!sub.pending_variant_id) throw invalid(`Subscription "${sub.id}" is already on variant_id "${variant_id}"`)
    return { ...base, kind: "keep", applies: "now", amount: 0, amount_minor: 0, remaining_seconds: 0, period_seconds: 0 }
  }
  const kind = switchKind(oldMinor, newMinor, sub.tier, target.tier)
  if (sub.status === "trialing") {
    return { ...base, kind, applies: "now", amount: 0, amount_minor: 0, remaining_seconds: 0, period_seconds: 0 }
  }
  const p = prorateUpgrade({
    old_amount: oldMinor,
    new_amount: newMinor,
    period_start: new Date(sub.current_period_start),
    period_end: periodEnd,
    now: new Date(now),
  })
  if (kind === "downgrade") {
    return { ...base, kind, applies: "period_end", amount: 0, amount_minor: 0, remaining_seconds: p.remaining_seconds, period_seconds: p.period_seconds }
  }
  return {
    ...base,
    kind,
    applies: "now",
    amount: Number(fromMinorUnits(p.amount, decimals)),
    amount_minor: p.amount,
    remaining_seconds: p.remaining_seconds,
    period_seconds: p.period_seconds,
  }
}

export type SwitchOption = { variant_id: string; title: string | null; tier: number; amount: number | null }

type SwitchableSubscription = Pick<
  SubscriptionRecord,
  "status" | "product_id" | "variant_id" | "region_id" | "currency_code" | "interval" | "interval_count" | "scope"
>

/**
 * For each live subscription, the plans it can switch to (same product, interval and
 * scope; another variant) with their price per period in its region, for the account page.
 */
export async function withSwitchOptions<S extends SwitchableSubscription>(
  container: MedusaContainer,
  subs: S[]
): Promise<(S & { switch_options: SwitchOption[] })[]> {
  const live = subs.filter((s) => ["trialing", "active"].includes(s.status))
  if (!live.length) return subs.map((s) => ({ ...s, switch_options: [] }))
  const plans = await container
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listAccessPlans({ product_id: [...new Set(live.map((s) => s.product_id))], billing: "subscription" })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const prices = new Map<string, { title: string | null; amount: number | null }>()
  for (const key of new Set(live.map((s) => `${s.region_id}|${s.currency_code}`))) {
    const [region_id, currency_code] = key.split("|")
    const { data }: { data: PricedVariantRow[] } = await query.graph({
      entity: "product_variant",
      fields: ["id", "title", "calculated_price.calculated_amount"],
      filters: { id: plans.map((p) => p.variant_id) },
      context: { calculated_price: QueryContext({ region_id, currency_code }) },
    })
    for (const v of data) {
      const amount = v.calculated_price?.calculated_amount
      prices.set(`${key}|${v.id}`, { title: v.title ?? null, amount: amount === null || amount === undefined ? null : Number(amount) })
    }
  }
  return subs.map((s) => {
    if (!live.includes(s)) return { ...s, switch_options: [] }
    const options: SwitchOption[] = plans
      .filter((p) => p.product_id === s.product_id && p.variant_id !== s.variant_id && p.interval === s.interval && p.interval_count === s.interval_count && p.scope === s.scope)
      .map((p) => {
        const price = prices.get(`${s.region_id}|${s.currency_code}|${p.variant_id}`)
        return { variant_id: p.variant_id, title: price?.title ?? null, tier: p.tier, amount: price?.amount ?? null }
      })
      .filter((o) => o.amount !== null)
    return { ...s, switch_options: options }
  })
}
