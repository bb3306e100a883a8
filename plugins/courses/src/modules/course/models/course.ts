import { model } from "@medusajs/framework/utils"
import { CourseModule } from "./course-module"

export const COURSE_LEVELS = ["beginner", "intermediate", "advanced"] as const
export const COURSE_STATUSES = ["draft", "published", "archived"] as const

/**
 * A course: sold as exactly one product (`product_id`, unique; read-only link to the
 * product), owned by one org (`org_id`), its handle unique within the org. Only
 * `published` courses exist for the store.
 */
export const Course = model
  .define("course", {
    id: model.id({ prefix: "course" }).primaryKey(),
    org_id: model.text(),
    product_id: model.text(),
    handle: model.text(),
    title: model.text(),
    subtitle: model.text().nullable(),
    description: model.text().nullable(),
    /** Level and language show as badges on the store only when the merchant set them (no defaults). */
    level: model.enum([...COURSE_LEVELS]).nullable(),
    difficulty: model.number().default(1),
    language: model.text().nullable(),
    status: model.enum([...COURSE_STATUSES]).default("draft"),
    thumbnail: model.text().nullable(),
    estimated_minutes: model.number().nullable(),
    published_at: model.dateTime().nullable(),
    /** Issue a certificate when an enrollment completes. */
    certificates_enabled: model.boolean().default(false),
    /**
     * A lead magnet: anyone may enroll with only an email (POST
     * /store/courses/:id/free-enrollment), through its free (price 0) tier.
     */
    lead_magnet: model.boolean().default(false),
    /** Employee ids (`oemp_`) of the org's staff who teach it, in display order (profiles: course_instructor). */
    instructor_ids: model.json().nullable(),
    /** Per tier the merchant's name and "what you get" lines: `[{ tier, name, includes: string[] }]`. */
    tier_details: model.json().nullable(),
    /** Questions and answers shown on the course page: `[{ question, answer }]`. */
    faq: model.json().nullable(),
    /**
     * Search and social metadata the merchant set: `{ title, description, image_url,
     * canonical_url, noindex }`, each optional (defaults from the content: rules/course-seo.ts).
     */
    seo: model.json().nullable(),
    modules: model.hasMany(() => CourseModule, { mappedBy: "course" }),
  })
  .cascades({ delete: ["modules"] })
  .indexes([
    { on: ["org_id", "handle"], unique: true, where: "deleted_at IS NULL" },
    { on: ["product_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id", "status"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "course_difficulty_range", expression: (c) => `${c.difficulty} BETWEEN 1 AND 10` },
    { name: "course_estimated_minutes_positive", expression: (c) => `${c.estimated_minutes} IS NULL OR ${c.estimated_minutes} >= 0` },
  ])
