import { model } from "@medusajs/framework/utils"

/**
 * "This lesson is now open" notice of one enrollment for one placement. The unique row is
 * claimed before the notification is sent, so a notice goes out once however often (or
 * however concurrently) the job runs.
 */
export const DripNotice = model
  .define("drip_notice", {
    id: model.id({ prefix: "dripn" }).primaryKey(),
    enrollment_id: model.text(),
    placement_id: model.text(),
    customer_id: model.text(),
    available_at: model.dateTime(),
    notification_id: model.text().nullable(),
  })
  .indexes([{ on: ["enrollment_id", "placement_id"], unique: true, where: "deleted_at IS NULL" }])
