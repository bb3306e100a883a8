import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN, MedusaError, QueryContext } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../../../../modules/access"
import type AccessModuleService from "../../../../modules/access/service"
import type { PricedVariantRow } from "../../../../types/records"
import { currencyDigits, monthlyRecurringRevenue, ratio, type PricedGroup } from "../../../../rules/subscription-metrics"
import { subscriptionNow } from "../../../../utils/clock"
import { adminOrgScope, COMMERCE_ROLES } from "../../../utils/tenancy"
import type { AdminSubscriptionMetricsQuery } from "../../../validators"

const DAY_MS = 86_400_000

/**
 * GET /admin/subscriptions/metrics?from=&to=[&org_id=]: MRR per currency (integer minor
 * units, at `to` or now if earlier, priced at each plan variant's current price in the
 * subscription's region: what the next renewals charge), paying subscriptions and
 * subscribers, churn (canceled in [from, to) among those paying at `from`) and trial
 * conversion (trials ended in the window that reached a paid period). Counts by SQL
 * aggregates; one price read per region and currency. Staff: their org; an operator: one
 * org (`org_id`) or all.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminSubscriptionMetricsQuery>, res: MedusaResponse) {
  const scope = await adminOrgScope(req, COMMERCE_ROLES)
  const q = req.validatedQuery
  if (scope && q.org_id && q.org_id !== scope) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${q.org_id}" was not found`)
  }
  const orgId = scope ?? q.org_id ?? null
  const now = subscriptionNow(req.scope)
  const to = q.to ? new Date(q.to) : now
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS)
  if (from.getTime() >= to.getTime()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "from must be before to")
  }
  if (to.getTime() - from.getTime() > 3660 * DAY_MS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "the period from..to must be at most 10 years")
  }
  const at = to.getTime() < now.getTime() ? to : now
  const counts = await req.scope
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .subscriptionMetricCounts({ org_id: orgId, from, to, at, now })

  const priced = await priceGroups(req, counts.groups)
  const mrr = monthlyRecurringRevenue(priced.groups)
  res.json({
    metrics: {
      org_id: orgId,
      from: from.toISOString(),
      to: to.toISOString(),
      measured_at: at.toISOString(),
      mrr: Object.entries(mrr).map(([currency_code, amount]) => ({ currency_code, amount: Number(amount) })),
      active_subscriptions: counts.groups.reduce((n, g) => n + g.count, 0),
      active_subscribers: counts.subscribers,
      unpriced_subscriptions: priced.unpriced,
      churn: { canceled: counts.churned, active_at_start: counts.active_at_start, rate: ratio(counts.churned, counts.active_at_start) },
      trial_conversion: { converted: counts.trials_converted, ended: counts.trials_ended, rate: ratio(counts.trials_converted, counts.trials_ended) },
    },
  })
}

/** One period's price per group (the variant's calculated price for its region and currency), minor units. */
async function priceGroups(req: AuthenticatedMedusaRequest, groups: { variant_id: string; region_id: string; currency_code: string; interval: string; interval_count: number; count: number }[]) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const byContext = new Map<string, typeof groups>()
  for (const g of groups) {
    const key = `${g.region_id}|${g.currency_code}`
    byContext.set(key, [...(byContext.get(key) ?? []), g])
  }
  const out: PricedGroup[] = []
  let unpriced = 0
  for (const [key, list] of byContext) {
    const [region_id, currency_code] = key.split("|")
    const { data }: { data: PricedVariantRow[] } = await query.graph({
      entity: "product_variant",
      fields: ["id", "calculated_price.calculated_amount"],
      filters: { id: [...new Set(list.map((g) => g.variant_id))] },
      context: { calculated_price: QueryContext({ region_id, currency_code }) },
    })
    const price = new Map(data.map((v) => [v.id, v.calculated_price?.calculated_amount]))
    const scale = MathBN.convert(10).pow(currencyDigits(currency_code))
    for (const g of list) {
      const amount = price.get(g.variant_id)
      if (amount === null || amount === undefined) {
        unpriced += g.count
        continue
      }
      out.push({
        currency_code,
        interval: g.interval as PricedGroup["interval"],
        interval_count: g.interval_count,
        count: g.count,
        period_amount_minor: BigInt(MathBN.mult(amount, scale).integerValue().toFixed()),
      })
    }
  }
  return { groups: out, unpriced }
}
