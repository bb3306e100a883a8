import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { recordLessonProgressWorkflow } from "../../../../../../../workflows/progress"
import { courseService, findStoreCourse, gateLesson, sendGateRefusal } from "../../../../../../utils/store-courses"
import type { StoreProgress } from "../../../../../../validators"

/**
 * POST .../lessons/:placement_id/progress { status, position_seconds? }: only on a lesson
 * the gate opens for this customer, who must be enrolled (a tier on the course).
 */
export async function POST(req: MedusaStoreRequest<StoreProgress>, res: MedusaResponse) {
  const course = await findStoreCourse(req, req.params.id_or_handle, { placementId: req.params.placement_id })
  const { access, decision } = await gateLesson(req, course, req.params.placement_id)
  if (!access.customerId) {
    res.status(401).json({ type: "unauthorized", code: "auth_required", message: "Log in to record progress" })
    return
  }
  if (!decision.allowed) return sendGateRefusal(req, res, course, decision)
  if (!access.enrollment || access.tier < 1) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "You are not enrolled in this course: progress is kept for enrolled students")
  }
  const { result } = await recordLessonProgressWorkflow(req.scope).run({
    input: { enrollment_id: access.enrollment.id, placement_id: req.params.placement_id, ...req.validatedBody },
  })
  await courseService(req).touchEnrollmentActivity(access.customerId, course.id)
  res.json(result)
}
