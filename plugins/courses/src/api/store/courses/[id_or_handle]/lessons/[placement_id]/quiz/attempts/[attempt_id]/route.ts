import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ATTEMPT_FIELDS, gateEnrolledLesson, presentAttempt } from "../../../../../../../../utils/store-assessments"
import { courseService } from "../../../../../../../../utils/store-courses"

/** GET .../quiz/attempts/:attempt_id: one of the student's own attempts (another's: 404). */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const gate = await gateEnrolledLesson(req, res, "quiz")
  if (!gate) return
  const [attempt] = await courseService(req).listQuizAttempts(
    { id: req.params.attempt_id, enrollment_id: gate.enrollment.id, placement_id: gate.placement.id },
    { take: 1, select: ATTEMPT_FIELDS }
  )
  if (!attempt) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Attempt "${req.params.attempt_id}" was not found`)
  res.json({ attempt: presentAttempt(attempt) })
}
