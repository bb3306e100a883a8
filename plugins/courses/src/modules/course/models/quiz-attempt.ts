import { model } from "@medusajs/framework/utils"

export const QUIZ_ATTEMPT_STATUSES = ["in_progress", "submitted", "expired"] as const

/**
 * One attempt of an enrollment at a quiz placement. `questions` is a snapshot of the quiz
 * (with its key) taken at start, in the order shown; grading uses it, so editing the quiz
 * does not change an open attempt. `number` is unique per (enrollment, placement): two
 * concurrent starts cannot both take the last allowed attempt.
 */
export const QuizAttempt = model
  .define("quiz_attempt", {
    id: model.id({ prefix: "qatt" }).primaryKey(),
    enrollment_id: model.text(),
    placement_id: model.text(),
    lesson_id: model.text(),
    number: model.number(),
    status: model.enum([...QUIZ_ATTEMPT_STATUSES]).default("in_progress"),
    started_at: model.dateTime(),
    /** started_at + time limit; null without a limit. */
    deadline_at: model.dateTime().nullable(),
    submitted_at: model.dateTime().nullable(),
    passing_score: model.number(),
    show_explanations: model.boolean().default(true),
    questions: model.json(),
    answers: model.json().nullable(),
    results: model.json().nullable(),
    score_points: model.number().nullable(),
    max_points: model.number(),
    score_percent: model.number().nullable(),
    passed: model.boolean().nullable(),
  })
  .indexes([
    { on: ["enrollment_id", "placement_id", "number"], unique: true, where: "deleted_at IS NULL" },
    { on: ["enrollment_id", "placement_id"], where: "deleted_at IS NULL" },
  ])
