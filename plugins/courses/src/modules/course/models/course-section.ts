import { model } from "@medusajs/framework/utils"
import { CourseModule } from "./course-module"
import { SectionLesson } from "./section-lesson"

/**
 * A section of a module. `course_id` is denormalised so a whole outline is read with one
 * query per level, whatever its size.
 */
export const CourseSection = model
  .define("course_section", {
    id: model.id({ prefix: "csec" }).primaryKey(),
    course_id: model.text(),
    title: model.text(),
    rank: model.number().default(0),
    required_tier: model.number().default(1),
    drip_days: model.number().nullable(),
    drip_date: model.dateTime().nullable(),
    module: model.belongsTo(() => CourseModule, { mappedBy: "sections" }),
    placements: model.hasMany(() => SectionLesson, { mappedBy: "section" }),
  })
  .cascades({ delete: ["placements"] })
  .indexes([
    { on: ["course_id"], where: "deleted_at IS NULL" },
    { on: ["module_id", "rank"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "course_section_tier_positive", expression: (c) => `${c.required_tier} >= 1` },
    { name: "course_section_drip_days_positive", expression: (c) => `${c.drip_days} IS NULL OR ${c.drip_days} >= 0` },
  ])
