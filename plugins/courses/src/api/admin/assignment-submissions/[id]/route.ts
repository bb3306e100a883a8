import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeSubmissions, submissionFileUrl, submissionInScope } from "../../../utils/admin-assessments"

/** GET /admin/assignment-submissions/:id: with the student, lesson and the file's URL. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const submission = await submissionInScope(req, req.params.id)
  const [described] = await describeSubmissions(req, [submission])
  res.json({ submission: { ...described, file_url: await submissionFileUrl(req, submission.file_id) } })
}
