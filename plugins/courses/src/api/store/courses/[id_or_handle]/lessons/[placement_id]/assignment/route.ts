import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { gateEnrolledLesson, presentSubmission } from "../../../../../../utils/store-assessments"
import { courseService } from "../../../../../../utils/store-courses"

/** GET .../lessons/:placement_id/assignment: the student's submissions, newest first, with feedback. */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const gate = await gateEnrolledLesson(req, res, "assignment")
  if (!gate) return
  const submissions = await courseService(req).listAssignmentSubmissions(
    { enrollment_id: gate.enrollment.id, placement_id: gate.placement.id },
    { order: { created_at: "DESC" } }
  )
  res.json({
    submissions: submissions.map(presentSubmission),
    passed: submissions.some((s) => s.status === "passed"),
    pending: submissions.some((s) => s.status === "submitted"),
  })
}
