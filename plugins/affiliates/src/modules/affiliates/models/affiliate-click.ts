import { model } from "@medusajs/framework/utils"

/** A recorded visit through a referral link. IP and user agent are HMAC hashes, never raw. */
export const AffiliateClick = model
  .define("affiliate_click", {
    id: model.id({ prefix: "affclk" }).primaryKey(),
    org_id: model.text(),
    affiliate_id: model.text(),
    code: model.text(),
    landing_url: model.text().nullable(),
    ip_hash: model.text().nullable(),
    user_agent_hash: model.text().nullable(),
    clicked_at: model.dateTime(),
  })
  .indexes([{ on: ["affiliate_id", "clicked_at"] }, { on: ["org_id"] }])
