import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { unpublishCourseWorkflow } from "../../../../../workflows/unpublish-course"
import { courseInScope } from "../../../../utils/admin-courses"
import { CATALOG_ROLES } from "../../../../utils/tenancy"

/** POST /admin/courses/:id/unpublish { status?: draft|archived } */
export async function POST(req: AuthenticatedMedusaRequest<{ status?: "draft" | "archived" }>, res: MedusaResponse) {
  await courseInScope(req, req.params.id, CATALOG_ROLES)
  const { result } = await unpublishCourseWorkflow(req.scope).run({
    input: { id: req.params.id, status: req.validatedBody?.status },
  })
  res.json({ course: result })
}
