import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { submitAssignmentWorkflow } from "../../../../../../../../workflows/submit-assignment"
import { gateEnrolledLesson, presentSubmission } from "../../../../../../../utils/store-assessments"
import type { StoreSubmitAssignment } from "../../../../../../../validators"

/**
 * POST .../assignment/submissions { text?, file?: { name, mime_type, content_base64 } }:
 * 201 { submission } waiting for review. 409 while one waits or once passed.
 */
export async function POST(req: MedusaStoreRequest<StoreSubmitAssignment>, res: MedusaResponse) {
  const gate = await gateEnrolledLesson(req, res, "assignment")
  if (!gate) return
  const { result } = await submitAssignmentWorkflow(req.scope).run({
    input: {
      org_id: gate.course.org_id,
      course_id: gate.course.id,
      enrollment_id: gate.enrollment.id,
      customer_id: gate.customerId,
      placement_id: gate.placement.id,
      lesson_id: gate.lesson.id,
      text: req.validatedBody.text ?? null,
      file: req.validatedBody.file ?? null,
    },
  })
  res.status(201).json({ submission: presentSubmission(result) })
}
