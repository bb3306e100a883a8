import { MedusaService } from "@medusajs/framework/utils"
import { isActiveAt } from "../../rules/percent-pool"
import { AttributionRule } from "./models/attribution-rule"

/** The rules (from listRulesEffectiveBy) in effect at `at`, order kept. */
export const rulesActiveAt = <R extends { effective_from: Date | string; effective_to?: Date | string | null }>(rules: R[], at: Date) =>
  rules.filter((r) => isActiveAt({ effective_from: new Date(r.effective_from), effective_to: r.effective_to ? new Date(r.effective_to) : null }, at))

export default class AttributionModuleService extends MedusaService({ AttributionRule }) {
  /** Rules of these products in effect at `at` (oldest first: the order ties are broken in). */
  async listRulesInEffect(productIds: string[], at: Date = new Date()) {
    return rulesActiveAt(await this.listRulesEffectiveBy(productIds, at), at)
  }

  /** Rules of these products that took effect by `at` (ended ones too; oldest first): filter with rulesActiveAt. */
  async listRulesEffectiveBy(productIds: string[], at: Date) {
    if (!productIds.length) return []
    return this.listAttributionRules({ product_id: productIds, effective_from: { $lte: at } }, { order: { created_at: "ASC", id: "ASC" } })
  }
}
