import { model } from "@medusajs/framework/utils"
import { SectionLesson } from "./section-lesson"

/** quiz: a LessonQuiz holds its questions; assignment: the body is the instructions. */
export const LESSON_TYPES = ["video", "text", "download", "quiz", "assignment"] as const
/** `url`: a video file URL we redirect to; `file`: a Medusa file module id; others: a provider's asset id. */
export const VIDEO_PROVIDERS = ["url", "file", "mux", "cloudflare"] as const

/**
 * A reusable library item of an org. Editing it changes every placement; it cannot be
 * deleted while placed. `attachments` are Medusa file module files:
 * `[{ file_id, name, mime_type? }]`; their URLs are only ever handed out signed.
 */
export const Lesson = model
  .define("lesson", {
    id: model.id({ prefix: "les" }).primaryKey(),
    org_id: model.text(),
    title: model.text(),
    type: model.enum([...LESSON_TYPES]).default("text"),
    body: model.text().nullable(),
    video_provider: model.enum([...VIDEO_PROVIDERS]).nullable(),
    video_source: model.text().nullable(),
    duration_seconds: model.number().nullable(),
    attachments: model.json().nullable(),
    placements: model.hasMany(() => SectionLesson, { mappedBy: "lesson" }),
  })
  .indexes([{ on: ["org_id"], where: "deleted_at IS NULL" }])
  .checks([
    { name: "lesson_duration_positive", expression: (c) => `${c.duration_seconds} IS NULL OR ${c.duration_seconds} >= 0` },
  ])
