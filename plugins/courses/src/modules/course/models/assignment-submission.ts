import { model } from "@medusajs/framework/utils"

export const SUBMISSION_STATUSES = ["submitted", "passed", "failed"] as const

/**
 * A student's submission to an assignment placement: text and/or one file (a Medusa file
 * module id, private). Staff of the org grade it pass/fail with feedback. At most one
 * submission per (enrollment, placement) waits for review at a time.
 */
export const AssignmentSubmission = model
  .define("assignment_submission", {
    id: model.id({ prefix: "asub" }).primaryKey(),
    org_id: model.text(),
    course_id: model.text(),
    enrollment_id: model.text(),
    customer_id: model.text(),
    placement_id: model.text(),
    lesson_id: model.text(),
    text: model.text().nullable(),
    file_id: model.text().nullable(),
    file_name: model.text().nullable(),
    file_mime_type: model.text().nullable(),
    status: model.enum([...SUBMISSION_STATUSES]).default("submitted"),
    feedback: model.text().nullable(),
    reviewed_by: model.text().nullable(),
    reviewed_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["enrollment_id", "placement_id"], where: "deleted_at IS NULL" },
    {
      on: ["enrollment_id", "placement_id"],
      unique: true,
      where: "deleted_at IS NULL AND status = 'submitted'",
      name: "IDX_assignment_submission_one_pending",
    },
    { on: ["org_id", "status"], where: "deleted_at IS NULL" },
  ])
