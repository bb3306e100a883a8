import { model } from "@medusajs/framework/utils"

/**
 * A referral touch attached to a cart (the storefront sends the cookie's code and click).
 * `touched_at` is the click's time (or the attach time without a click); at order time
 * the program's model picks one touch inside the window.
 */
export const AffiliateReferral = model
  .define("affiliate_referral", {
    id: model.id({ prefix: "affref" }).primaryKey(),
    org_id: model.text(),
    cart_id: model.text(),
    affiliate_id: model.text(),
    click_id: model.text().nullable(),
    touched_at: model.dateTime(),
  })
  .indexes([{ on: ["cart_id"] }, { on: ["cart_id", "affiliate_id", "click_id"], unique: true, where: "deleted_at IS NULL" }])
