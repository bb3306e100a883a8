import { model } from "@medusajs/framework/utils"
import type { FixedAmount } from "../../../rules/commission-rate"

/** An affiliate's rate on one product: the most specific rule. */
export const AffiliateProductRate = model
  .define("affiliate_product_rate", {
    id: model.id({ prefix: "affrate" }).primaryKey(),
    org_id: model.text(),
    affiliate_id: model.text(),
    product_id: model.text(),
    commission_type: model.enum(["percent", "fixed"]),
    commission_bps: model.number().nullable(),
    fixed_amounts: model.json<FixedAmount[]>().nullable(),
  })
  .indexes([{ on: ["affiliate_id", "product_id"], unique: true, where: "deleted_at IS NULL" }])
