import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createProductsWorkflow, createRegionsWorkflow } from "@medusajs/medusa/core-flows"
import type { Api, CustomerActor } from "./actors"

import { setAccessPlanWorkflow } from "@volmify/access/workflows"

export type TestRegion = { id: string; currency_code: string }

/** A region for one currency with Medusa's system payment provider (or the given providers). */
export async function createRegion(
  container: MedusaContainer,
  currency_code: string,
  countries: string[] = currency_code === "jpy" ? ["jp"] : currency_code === "eur" ? ["de"] : ["us"],
  payment_providers: string[] = ["pp_system_default"]
): Promise<TestRegion> {
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [{ name: `Region ${currency_code} ${Date.now()}`, currency_code, countries, payment_providers }],
    },
  })
  return { id: result[0].id, currency_code }
}

export type TierSpec = { title: string; tier: number | null; prices: Record<string, number>; duration_days?: number | null }
export type TestProduct = { id: string; handle: string; variants: { id: string; title: string; tier: number | null }[] }

/**
 * A published product owned by an org (in its sales channel, linked through the
 * productsCreated hook), one variant per tier spec, each with its access plan.
 */
export async function createTieredProduct(
  container: MedusaContainer,
  org: { id: string; sales_channel_id: string },
  { handle, title = handle, tiers }: { handle: string; title?: string; tiers: TierSpec[] }
): Promise<TestProduct> {
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title,
          handle,
          status: "published",
          options: [{ title: "Tier", values: tiers.map((t) => t.title) }],
          variants: tiers.map((t) => ({
            title: t.title,
            manage_inventory: false,
            options: { Tier: t.title },
            prices: Object.entries(t.prices).map(([currency_code, amount]) => ({ currency_code, amount })),
          })),
          sales_channels: [{ id: org.sales_channel_id }],
        },
      ],
      additional_data: { org_id: org.id },
    },
  })
  const product = result[0]
  const variants = tiers.map((t) => {
    const variant = product.variants.find((v: { title: string }) => v.title === t.title)!
    return { id: variant.id, title: t.title, tier: t.tier }
  })
  for (const [i, v] of variants.entries()) {
    if (v.tier !== null) {
      await setAccessPlanWorkflow(container).run({
        input: { variant_id: v.id, tier: v.tier, duration_days: tiers[i].duration_days ?? null },
      })
    }
  }
  return { id: product.id, handle: product.handle, variants }
}

/**
 * A customer checks out through the store API as a storefront would: cart in the
 * region, line items, payment session with the system provider (authorizes), complete.
 * Returns the order id.
 */
export async function placeOrder(
  api: Api,
  customer: CustomerActor,
  region: TestRegion,
  variantIds: string[]
): Promise<string> {
  const headers = { headers: customer.headers }
  const { data: cartRes } = await api.post(
    "/store/carts",
    { region_id: region.id, email: customer.customer.email, items: variantIds.map((variant_id) => ({ variant_id, quantity: 1 })) },
    headers
  )
  const cart = cartRes.cart
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cart.id }, headers)
  await api.post(
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  const { data } = await api.post(`/store/carts/${cart.id}/complete`, {}, headers)
  if (data.type !== "order") {
    throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
  }
  return data.order.id
}

/**
 * Polls `check` until it returns a truthy value that is not an empty array (events are
 * delivered asynchronously); returns the last value when time runs out.
 */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 10_000, intervalMs = 100 } = {}): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: T
  do {
    last = await check()
    if (last && !(Array.isArray(last) && last.length === 0)) return last
    await new Promise((r) => setTimeout(r, intervalMs))
  } while (Date.now() < end)
  return last!
}

/** Live entitlements of a customer (all products). */
export async function liveEntitlements(container: MedusaContainer, customerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "entitlement",
    fields: ["id", "product_id", "variant_id", "tier", "status", "source_type", "source_id", "order_id", "expires_at"],
    filters: { customer_id: customerId, status: "active" },
  })
  return data
}

export const accessService = (container: MedusaContainer) => container.resolve<any>("access")
export const orderService = (container: MedusaContainer) => container.resolve(Modules.ORDER)
