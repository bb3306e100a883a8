import { model } from "@medusajs/framework/utils"

/** A Medusa promotion (code) credited to an affiliate: orders using it are attributed to them. */
export const AffiliateCoupon = model
  .define("affiliate_coupon", {
    id: model.id({ prefix: "affcpn" }).primaryKey(),
    org_id: model.text(),
    affiliate_id: model.text(),
    promotion_id: model.text(),
    code: model.text().nullable(),
  })
  .indexes([{ on: ["promotion_id"], unique: true, where: "deleted_at IS NULL" }, { on: ["affiliate_id"] }])
