import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { startQuizAttemptWorkflow } from "../../../../../../../../workflows/start-quiz-attempt"
import { ATTEMPT_FIELDS, gateEnrolledLesson, presentAttempt } from "../../../../../../../utils/store-assessments"
import { courseService } from "../../../../../../../utils/store-courses"

/**
 * POST .../quiz/attempts: starts an attempt (201), or resumes the open one (200), with
 * the questions and no answer key. 400 when the attempts limit is used up.
 */
export async function POST(req: MedusaStoreRequest, res: MedusaResponse) {
  const gate = await gateEnrolledLesson(req, res, "quiz")
  if (!gate) return
  const { result } = await startQuizAttemptWorkflow(req.scope).run({
    input: { enrollment_id: gate.enrollment.id, placement_id: gate.placement.id, lesson_id: gate.lesson.id },
  })
  const [attempt] = await courseService(req).listQuizAttempts({ id: result.attempt_id }, { take: 1, select: ATTEMPT_FIELDS })
  res.status(result.resumed ? 200 : 201).json({ attempt: presentAttempt(attempt), resumed: result.resumed })
}
