import { model } from "@medusajs/framework/utils"

/**
 * The certificate of a completed enrollment: one per enrollment (unique), with the names as
 * they were at issue so the PDF and the verification page never change. `code` is the
 * public verification code (unique, unguessable).
 */
export const Certificate = model
  .define("certificate", {
    id: model.id({ prefix: "cert" }).primaryKey(),
    code: model.text(),
    enrollment_id: model.text(),
    customer_id: model.text(),
    course_id: model.text(),
    org_id: model.text(),
    student_name: model.text(),
    course_title: model.text(),
    org_name: model.text(),
    issued_at: model.dateTime(),
    // Revoked by staff: the code then verifies as revoked and the student no longer has it.
    revoked_at: model.dateTime().nullable(),
    revoked_reason: model.text().nullable(),
    revoked_by: model.text().nullable(),
  })
  .indexes([
    { on: ["enrollment_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id", "org_id"], where: "deleted_at IS NULL" },
    { on: ["course_id"], where: "deleted_at IS NULL" },
  ])
