import { model } from "@medusajs/framework/utils"
import { Enrollment } from "./enrollment"

export const PROGRESS_STATUSES = ["in_progress", "completed"] as const

/** Progress of one enrollment on one placement (`placement_id` = section_lesson id). */
export const LessonProgress = model
  .define("lesson_progress", {
    id: model.id({ prefix: "lprog" }).primaryKey(),
    placement_id: model.text(),
    status: model.enum([...PROGRESS_STATUSES]).default("in_progress"),
    position_seconds: model.number().default(0),
    completed_at: model.dateTime().nullable(),
    enrollment: model.belongsTo(() => Enrollment, { mappedBy: "progress" }),
  })
  .indexes([{ on: ["enrollment_id", "placement_id"], unique: true, where: "deleted_at IS NULL" }])
  .checks([{ name: "lesson_progress_position_positive", expression: (c) => `${c.position_seconds} >= 0` }])
