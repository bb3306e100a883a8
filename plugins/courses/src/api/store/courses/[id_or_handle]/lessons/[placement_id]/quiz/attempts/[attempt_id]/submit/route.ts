import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { submitQuizAttemptWorkflow } from "../../../../../../../../../../workflows/submit-quiz-attempt"
import { ATTEMPT_FIELDS, gateEnrolledLesson, presentAttempt } from "../../../../../../../../../utils/store-assessments"
import { courseService } from "../../../../../../../../../utils/store-courses"
import type { StoreSubmitQuiz } from "../../../../../../../../../validators"

/**
 * POST .../quiz/attempts/:attempt_id/submit { answers }: graded on the server. Past the
 * deadline (+30 s grace) the attempt is graded as expired: 0 points, not passed.
 * Submitting twice: 409.
 */
export async function POST(req: MedusaStoreRequest<StoreSubmitQuiz>, res: MedusaResponse) {
  const gate = await gateEnrolledLesson(req, res, "quiz")
  if (!gate) return
  const service = courseService(req)
  const [mine] = await service.listQuizAttempts(
    { id: req.params.attempt_id, enrollment_id: gate.enrollment.id, placement_id: gate.placement.id },
    { take: 1, select: ["id"] }
  )
  if (!mine) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Attempt "${req.params.attempt_id}" was not found`)
  const { result } = await submitQuizAttemptWorkflow(req.scope).run({
    input: { attempt_id: mine.id, enrollment_id: gate.enrollment.id, answers: req.validatedBody.answers },
  })
  const [attempt] = await service.listQuizAttempts({ id: mine.id }, { take: 1, select: ATTEMPT_FIELDS })
  res.json({ attempt: presentAttempt(attempt), course_progress_percent: result.course_progress_percent })
}
