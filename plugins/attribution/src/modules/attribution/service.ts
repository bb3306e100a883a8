import { MedusaService } from "@medusajs/framework/utils"
import { isActiveAt } from "../../rules/percent-pool"
import { AttributionRule } from "./models/attribution-rule"

export default class AttributionModuleService extends MedusaService({ AttributionRule }) {
  /** Rules of these products in effect at `at` (oldest first: the order ties are broken in). */
  async listRulesInEffect(productIds: string[], at: Date = new Date()) {
    if (!productIds.length) return []
    const rules = await this.listAttributionRules(
      { product_id: productIds, effective_from: { $lte: at } },
      { order: { created_at: "ASC", id: "ASC" } }
    )
    return rules.filter((r: any) => isActiveAt({ effective_from: new Date(r.effective_from), effective_to: r.effective_to ? new Date(r.effective_to) : null }, at))
  }
}
