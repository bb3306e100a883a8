import { model } from "@medusajs/framework/utils"

export const SUPPRESSION_REASONS = ["unsubscribed", "bounced"] as const

/**
 * An address that gets no marketing email (automations) from one org. Transactional
 * emails ignore it. Addresses are stored lower-case.
 */
export const EmailSuppression = model
  .define("email_suppression", {
    id: model.id({ prefix: "esup" }).primaryKey(),
    org_id: model.text(),
    email: model.text(),
    reason: model.enum([...SUPPRESSION_REASONS]),
    source: model.text().nullable(),
  })
  .indexes([{ on: ["org_id", "email"], unique: true, where: "deleted_at IS NULL" }])
