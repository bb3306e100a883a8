import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  refundPaymentWorkflow,
} from "@medusajs/medusa/core-flows"
import { DEMO_ORGS } from "./demo-catalog"

// The plugins' workflows, as the host app loads them (built before the seed runs).
import { CAPTURE_SKIPPED, captureDigitalOrderWorkflow } from "@volmify/access/workflows"
import { createAttributionRuleWorkflow, postOrderRevenueWorkflow, reverseOrderRevenueWorkflow } from "@volmify/attribution/workflows"

/** Demo shares: the creator's percent of the net per product handle (the rest stays with the org). */
const DEMO_SHARES: Record<string, number> = {
  "typescript-from-zero": 7000,
  "design-systems-bootcamp": 6000,
  "yoga-foundations": 7500,
}

/** Demo sales per org: variants by product handle and tier title, in a region's currency; one partly refunded. */
const DEMO_SALES: Record<string, { currency: string; items: [string, string][]; refund?: number }[]> = {
  "acme-academy": [
    { currency: "usd", items: [["typescript-from-zero", "Premium"]] },
    { currency: "usd", items: [["design-systems-bootcamp", "Basic"], ["typescript-from-zero", "Basic"]], refund: 49 },
    { currency: "jpy", items: [["typescript-from-zero", "Basic"]] },
  ],
  "yoga-with-mia": [
    { currency: "eur", items: [["yoga-foundations", "VIP"]] },
    { currency: "eur", items: [["yoga-foundations", "Basic"]], refund: 20 },
  ],
}

/**
 * Demo revenue shares and sales, so the Earnings page shows real numbers on first run:
 * each demo org's creator gets a percent rule on the org's courses, and a few orders are
 * checked out, captured (one partly refunded) and posted through the real workflows.
 * Idempotent: rules are added only to products without any, orders only to an org whose
 * ledger has no posting yet.
 */
export async function seedAttribution(container: MedusaContainer, logger: Logger) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const users = container.resolve(Modules.USER)
  const regions = container.resolve(Modules.REGION)
  const attribution = container.resolve<any>("attribution")
  const orgModule = container.resolve<any>("org")

  for (const demo of DEMO_ORGS) {
    const [org] = await orgModule.listOrgs({ handle: demo.handle }, { take: 1 })
    const [creatorUser] = await users.listUsers({ email: demo.creator.email }, { take: 1 })
    if (!org || !creatorUser) {
      logger.warn(`Seed attribution: ${demo.handle} or its creator is missing; run the main seed first`)
      continue
    }
    const [creator] = await orgModule.listOrgEmployees({ org_id: org.id, user_id: creatorUser.id }, { take: 1 })
    if (!creator) {
      logger.warn(`Seed attribution: ${demo.creator.email} is not staff of ${demo.handle}`)
      continue
    }
    const { data: products } = await query.graph({
      entity: "product",
      fields: ["id", "handle", "variants.id", "variants.title"],
      filters: { handle: demo.products.map((p) => p.handle) },
    })
    const since = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 3, 1))
    for (const product of products as any[]) {
      const share = DEMO_SHARES[product.handle]
      if (!share || (await attribution.listAttributionRules({ product_id: product.id }, { take: 1 })).length) continue
      await createAttributionRuleWorkflow(container).run({
        input: { product_id: product.id, employee_id: creator.id, role: "creator", type: "percent", percent_bps: share, effective_from: since, created_by: "seed" },
      })
      logger.info(`Seed attribution: ${demo.creator.email} earns ${share / 100} % of ${product.handle}`)
    }

    const { data: posted } = await query.graph({ entity: "ledger_transaction", fields: ["id"], filters: { org_id: org.id, kind: "posting" } })
    if (posted.length) continue
    const variantOf = (handle: string, tier: string) =>
      (products as any[]).find((p) => p.handle === handle)?.variants?.find((v: any) => v.title === tier)?.id
    for (const [i, sale] of (DEMO_SALES[demo.handle] ?? []).entries()) {
      const [region] = await regions.listRegions({ currency_code: sale.currency }, { take: 1 })
      const variants = sale.items.map(([handle, tier]) => variantOf(handle, tier)).filter(Boolean)
      if (!region || variants.length !== sale.items.length) {
        logger.warn(`Seed attribution: skipped a ${sale.currency} sale of ${demo.handle} (region or variant missing)`)
        continue
      }
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: region.id,
          sales_channel_id: org.sales_channel_id,
          email: `student${i + 1}@${demo.handle}.local`,
          items: variants.map((variant_id) => ({ variant_id, quantity: 1 })),
        },
      })
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
      await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
      })
      const { result: order } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
      const {
        data: [withPayments],
      } = await query.graph({ entity: "order", fields: ["payment_collections.payments.id"], filters: { id: order.id } })
      const paymentId = withPayments.payment_collections?.[0]?.payments?.[0]?.id as string
      // All-digital sales are captured by @volmify/access on order.placed. Its workflow takes a
      // lock on the order and captures only what is left, so running it here too neither races
      // that subscriber nor depends on event delivery inside `medusa exec`.
      const { result: capture } = await captureDigitalOrderWorkflow(container).run({ input: { order_id: order.id } })
      if (capture.skipped === CAPTURE_SKIPPED.NOT_DIGITAL) {
        await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId, captured_by: "seed" } })
      }
      // The subscriber posts too; running the idempotent workflow here makes the seed not
      // depend on event delivery inside `medusa exec`.
      await postOrderRevenueWorkflow(container).run({ input: { order_id: order.id } })
      if (sale.refund) {
        await refundPaymentWorkflow(container).run({ input: { payment_id: paymentId, amount: sale.refund, created_by: "seed" } })
        await reverseOrderRevenueWorkflow(container).run({ input: { order_id: order.id } })
      }
      logger.info(`Seed attribution: ${demo.handle} sale ${i + 1} (${sale.currency.toUpperCase()}) captured${sale.refund ? ", partly refunded" : ""}`)
    }
  }
}
