import { MedusaService } from "@medusajs/framework/utils"
import { resolveEffectiveTier } from "../../rules/resolve-effective-tier"
import { AccessPlan } from "./models/access-plan"
import { Entitlement } from "./models/entitlement"

export default class AccessModuleService extends MedusaService({ AccessPlan, Entitlement }) {
  /**
   * What tier each product is held at by a customer now: one query over the live
   * entitlements (active, started, unexpired), max per product. Products without a live
   * entitlement map to 0. This is what every gate calls.
   */
  async getCustomerTiers(customerId: string, productIds: string[], now: Date = new Date()): Promise<Map<string, number>> {
    const tiers = new Map(productIds.map((id) => [id, 0]))
    if (!customerId || !productIds.length) {
      return tiers
    }
    const live = await this.listEntitlements(
      {
        customer_id: customerId,
        product_id: productIds,
        status: "active",
        starts_at: { $lte: now },
        $or: [{ expires_at: null }, { expires_at: { $gt: now } }],
      },
      { select: ["product_id", "tier", "status", "starts_at", "expires_at"] }
    )
    const byProduct = new Map<string, typeof live>()
    for (const grant of live) {
      byProduct.set(grant.product_id, [...(byProduct.get(grant.product_id) ?? []), grant])
    }
    for (const [productId, grants] of byProduct) {
      tiers.set(productId, resolveEffectiveTier(grants as any, now))
    }
    return tiers
  }

  /** The tier customer `customerId` holds for one product now (0 = none). */
  async getCustomerTier(customerId: string, productId: string, now: Date = new Date()): Promise<number> {
    return (await this.getCustomerTiers(customerId, [productId], now)).get(productId) ?? 0
  }
}
