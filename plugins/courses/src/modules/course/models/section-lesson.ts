import { model } from "@medusajs/framework/utils"
import { CourseSection } from "./course-section"
import { Lesson } from "./lesson"

/**
 * A placement of a library lesson in a section: its rank, the tier it needs, whether it
 * is a free preview, and its drip (`drip_days` after enrollment or a fixed `drip_date`).
 * The same lesson may be placed in many sections and courses of its org.
 */
export const SectionLesson = model
  .define("section_lesson", {
    id: model.id({ prefix: "cpl" }).primaryKey(),
    course_id: model.text(),
    rank: model.number().default(0),
    required_tier: model.number().default(1),
    is_preview: model.boolean().default(false),
    drip_days: model.number().nullable(),
    drip_date: model.dateTime().nullable(),
    section: model.belongsTo(() => CourseSection, { mappedBy: "placements" }),
    lesson: model.belongsTo(() => Lesson, { mappedBy: "placements" }),
  })
  .indexes([
    { on: ["course_id"], where: "deleted_at IS NULL" },
    { on: ["section_id", "rank"], where: "deleted_at IS NULL" },
    { on: ["lesson_id"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "section_lesson_tier_positive", expression: (c) => `${c.required_tier} >= 1` },
    { name: "section_lesson_drip_days_positive", expression: (c) => `${c.drip_days} IS NULL OR ${c.drip_days} >= 0` },
  ])
