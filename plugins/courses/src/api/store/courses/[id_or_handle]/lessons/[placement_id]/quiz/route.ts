import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { courseService } from "../../../../../../utils/store-courses"
import { gateEnrolledLesson } from "../../../../../../utils/store-assessments"

/**
 * GET .../lessons/:placement_id/quiz: the quiz's rules (never its questions: those come
 * with an attempt, without the key) and this student's attempts so far.
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const gate = await gateEnrolledLesson(req, res, "quiz")
  if (!gate) return
  const service = courseService(req)
  const [[quiz], attempts] = await Promise.all([
    service.listQuizDefinitions({ lesson_id: gate.lesson.id }, { take: 1 }),
    service.listQuizAttempts(
      { enrollment_id: gate.enrollment.id, placement_id: gate.placement.id },
      { select: ["id", "number", "status", "started_at", "deadline_at", "submitted_at", "score_points", "max_points", "score_percent", "passed"], order: { number: "ASC" } }
    ),
  ])
  const questions = ((quiz?.questions ?? []) as unknown as { points: number }[])
  res.json({
    quiz: quiz
      ? {
          passing_score: quiz.passing_score,
          time_limit_seconds: quiz.time_limit_seconds ?? null,
          attempts_limit: quiz.attempts_limit ?? null,
          attempts_used: attempts.length,
          shuffle: quiz.shuffle,
          show_explanations: quiz.show_explanations,
          required: quiz.required,
          question_count: questions.length,
          max_points: questions.reduce((s, q) => s + q.points, 0),
          passed: attempts.some((a) => a.passed),
        }
      : null,
    attempts: attempts.map((a) => ({
      ...a,
      score_points: a.status === "in_progress" ? null : a.score_points,
      score_percent: a.status === "in_progress" ? null : a.score_percent,
    })),
  })
}
