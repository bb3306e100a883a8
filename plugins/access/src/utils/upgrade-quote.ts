import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { decideUpgradeCredit, toMinor, type PaidAccess, type UpgradeCreditDecision } from "../rules/upgrade-credit"
import type { OrderRow } from "../types/records"

import { OrgProductLink } from "@volmify/orgs/tenancy"

export type UpgradeTarget = { variant_id: string; product_id: string; tier: number; title: string | null }

/**
 * The access plan of a variant of the org's catalog; 404 (as for an id that does not
 * exist) for a variant without a plan or of another org's product.
 */
export async function loadUpgradeTarget(container: MedusaContainer, variantId: string, orgId: string): Promise<UpgradeTarget> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
  const [plan] = await access.listAccessPlans({ variant_id: variantId }, { select: ["variant_id", "product_id", "tier"] })
  const notFound = new MedusaError(MedusaError.Types.NOT_FOUND, `No tier of a course has the variant "${variantId}"`)
  if (!plan) throw notFound
  const { data: owned } = await query.graph({ entity: OrgProductLink.entryPoint, fields: ["org_id"], filters: { org_id: orgId, product_id: plan.product_id } })
  if (!owned.length) throw notFound
  const { data: variants }: { data: { id: string; title: string | null }[] } = await query.graph({ entity: "product_variant", fields: ["id", "title"], filters: { id: variantId } })
  return { variant_id: variantId, product_id: plan.product_id, tier: plan.tier, title: variants[0]?.title ?? null }
}

/**
 * What the customer paid for each live, order-granted entitlement of the product: the
 * order line's total after discounts, minus its tax, in the order's currency. Entitlements
 * moved from a guest order (guest claims) count too: they follow the entitlement, not the
 * order's customer.
 */
export async function loadPaidAccess(container: MedusaContainer, customerId: string, productId: string): Promise<PaidAccess[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const now = new Date()
  const { data: entitlements }: { data: { id: string; tier: number; source_id: string; order_id: string | null }[] } = await query.graph({
    entity: "entitlement",
    fields: ["id", "tier", "source_id", "order_id"],
    filters: {
      customer_id: customerId,
      product_id: productId,
      source_type: "order_line_item",
      status: "active",
      starts_at: { $lte: now },
      $or: [{ expires_at: null }, { expires_at: { $gt: now } }],
    },
  })
  const orderIds = [...new Set(entitlements.map((e) => e.order_id).filter((id): id is string => !!id))]
  if (!orderIds.length) return []
  const { data: orders }: { data: (OrderRow & { currency_code: string })[] } = await query.graph({
    entity: "order",
    // "total" at the root makes the order module compute totals (items' included).
    fields: ["id", "currency_code", "total", "items.id", "items.total", "items.tax_total"],
    filters: { id: orderIds },
  })
  const lines = new Map<string, { currency_code: string; total: BigNumberInput | null | undefined; tax_total: BigNumberInput | null | undefined }>()
  for (const order of orders) {
    for (const item of order.items ?? []) {
      if (item) lines.set(item.id, { currency_code: order.currency_code, total: item.total, tax_total: item.tax_total })
    }
  }
  return entitlements.flatMap((e) => {
    const line = lines.get(e.source_id)
    if (!line) return []
    const net = MathBN.sub(line.total ?? 0, line.tax_total ?? 0)
    return [{ entitlement_id: e.id, tier: e.tier, currency_code: line.currency_code, paid_minor: toMinor(net, line.currency_code) }]
  })
}

/** The credit decision for `target` at `price` (major units, Medusa's BigNumber) in `currency_code`. */
export async function quoteUpgrade(
  container: MedusaContainer,
  { customer_id, target, price, currency_code }: { customer_id: string; target: UpgradeTarget; price: BigNumberInput; currency_code: string }
): Promise<UpgradeCreditDecision> {
  const access = container.resolve<AccessModuleService>(ACCESS_MODULE)
  const [current_tier, paid] = await Promise.all([access.getCustomerTier(customer_id, target.product_id), loadPaidAccess(container, customer_id, target.product_id)])
  return decideUpgradeCredit({ target_tier: target.tier, current_tier, price_minor: toMinor(price, currency_code), currency_code, paid })
}
