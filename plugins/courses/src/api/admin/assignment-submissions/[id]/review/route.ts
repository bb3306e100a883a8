import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reviewAssignmentSubmissionWorkflow } from "../../../../../workflows/review-assignment-submission"
import { submissionInScope } from "../../../../utils/admin-assessments"
import { actorId } from "../../../../utils/tenancy"
import type { AdminReviewSubmission } from "../../../../validators"

/** POST /admin/assignment-submissions/:id/review { status: passed|failed, feedback? }: every staff role of the org. 409 when already reviewed. */
export async function POST(req: AuthenticatedMedusaRequest<AdminReviewSubmission>, res: MedusaResponse) {
  const submission = await submissionInScope(req, req.params.id)
  const { result } = await reviewAssignmentSubmissionWorkflow(req.scope).run({
    input: { id: submission.id, status: req.validatedBody.status, feedback: req.validatedBody.feedback ?? null, reviewed_by: actorId(req) ?? "unknown" },
  })
  res.json({ submission: result })
}
