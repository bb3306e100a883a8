import { model } from "@medusajs/framework/utils"
import { LessonProgress } from "./lesson-progress"

export const ENROLLMENT_STATUSES = ["active", "completed", "cancelled"] as const

/**
 * A customer's enrollment in a course, created with their first entitlement for the
 * course's product. One per (customer, course). `started_at` is the drip clock's zero.
 */
export const Enrollment = model
  .define("enrollment", {
    id: model.id({ prefix: "enr" }).primaryKey(),
    customer_id: model.text(),
    course_id: model.text(),
    org_id: model.text(),
    started_at: model.dateTime(),
    completed_at: model.dateTime().nullable(),
    /**
     * When the student last opened a lesson (set to `started_at` on enrollment): the source
     * of the "no lesson opened for N days" automation trigger (@volmify/orgs).
     */
    last_activity_at: model.dateTime().nullable(),
    status: model.enum([...ENROLLMENT_STATUSES]).default("active"),
    progress: model.hasMany(() => LessonProgress, { mappedBy: "enrollment" }),
  })
  .cascades({ delete: ["progress"] })
  .indexes([
    { on: ["customer_id", "course_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["course_id"], where: "deleted_at IS NULL" },
    { on: ["org_id", "last_activity_at"], where: "deleted_at IS NULL" },
    { on: ["course_id", "last_activity_at"], where: "deleted_at IS NULL" },
  ])
