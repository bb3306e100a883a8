import { model } from "@medusajs/framework/utils"

/** What can be translated, and which of its texts (issue 26, locales per org). */
export const TRANSLATABLE = {
  course: ["title", "subtitle", "description"],
  module: ["title"],
  section: ["title"],
  lesson: ["title", "body"],
} as const
export type TranslatableType = keyof typeof TRANSLATABLE
export const TRANSLATABLE_TYPES = Object.keys(TRANSLATABLE) as TranslatableType[]
export const TRANSLATABLE_FIELDS = ["title", "subtitle", "description", "body"] as const

/**
 * One text of a course, module, section or (library) lesson in one of the org's locales.
 * The default locale's text stays on the entity itself; a missing row falls back to it.
 */
export const CourseTranslation = model
  .define("course_translation", {
    id: model.id({ prefix: "ctrn" }).primaryKey(),
    org_id: model.text(),
    entity_type: model.enum([...TRANSLATABLE_TYPES]),
    entity_id: model.text(),
    locale: model.text(),
    field: model.enum([...TRANSLATABLE_FIELDS]),
    value: model.text(),
  })
  .indexes([
    { on: ["entity_type", "entity_id", "locale", "field"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id", "locale"], where: "deleted_at IS NULL" },
  ])
