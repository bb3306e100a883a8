import { model } from "@medusajs/framework/utils"

/**
 * The quiz of a library lesson of type quiz (one per lesson). `questions` hold the answer
 * key (`QuizQuestion[]` of rules/grade-quiz.ts): only the server reads them; the store gets
 * the public view of an attempt's snapshot, never this row.
 */
export const LessonQuiz = model
  .define("lesson_quiz", {
    id: model.id({ prefix: "quiz" }).primaryKey(),
    lesson_id: model.text(),
    org_id: model.text(),
    /** Whole percent 0-100 of the points needed to pass. */
    passing_score: model.number().default(70),
    time_limit_seconds: model.number().nullable(),
    attempts_limit: model.number().nullable(),
    shuffle: model.boolean().default(false),
    show_explanations: model.boolean().default(true),
    /** A required quiz must be passed for its lesson to count as completed. */
    required: model.boolean().default(true),
    questions: model.json(),
  })
  .indexes([{ on: ["lesson_id"], unique: true, where: "deleted_at IS NULL" }])
  .checks([
    { name: "lesson_quiz_passing_score_range", expression: (c) => `${c.passing_score} BETWEEN 0 AND 100` },
    { name: "lesson_quiz_time_limit_positive", expression: (c) => `${c.time_limit_seconds} IS NULL OR ${c.time_limit_seconds} > 0` },
    { name: "lesson_quiz_attempts_limit_positive", expression: (c) => `${c.attempts_limit} IS NULL OR ${c.attempts_limit} > 0` },
  ])
