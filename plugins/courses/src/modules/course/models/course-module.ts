import { model } from "@medusajs/framework/utils"
import { Course } from "./course"
import { CourseSection } from "./course-section"

/**
 * A module of a course (top level of the outline). `required_tier` and drip apply to
 * everything inside it (the effective value of a lesson is the strictest of its levels).
 */
export const CourseModule = model
  .define("course_module", {
    id: model.id({ prefix: "cmod" }).primaryKey(),
    title: model.text(),
    rank: model.number().default(0),
    required_tier: model.number().default(1),
    drip_days: model.number().nullable(),
    drip_date: model.dateTime().nullable(),
    course: model.belongsTo(() => Course, { mappedBy: "modules" }),
    sections: model.hasMany(() => CourseSection, { mappedBy: "module" }),
  })
  .cascades({ delete: ["sections"] })
  .indexes([{ on: ["course_id", "rank"], where: "deleted_at IS NULL" }])
  .checks([
    { name: "course_module_tier_positive", expression: (c) => `${c.required_tier} >= 1` },
    { name: "course_module_drip_days_positive", expression: (c) => `${c.drip_days} IS NULL OR ${c.drip_days} >= 0` },
  ])
