import { model } from "@medusajs/framework/utils"

/**
 * A pending or confirmed double opt-in to an org's marketing, made on a lead magnet
 * (`course_id`; null = the org in general). The confirmation link carries the row's id
 * signed (rules/opt-in-token.ts); confirming sets `confirmed_at` once (single use) before
 * `expires_at`. Addresses are stored lower-case.
 */
export const MarketingOptIn = model
  .define("marketing_opt_in", {
    id: model.id({ prefix: "mopt" }).primaryKey(),
    org_id: model.text(),
    email: model.text(),
    course_id: model.text().nullable(),
    expires_at: model.dateTime(),
    confirmed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["org_id", "email"], where: "deleted_at IS NULL" }])
