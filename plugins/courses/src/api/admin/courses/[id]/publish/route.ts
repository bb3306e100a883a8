import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { publishCourseWorkflow } from "../../../../../workflows/publish-course"
import { courseInScope } from "../../../../utils/admin-courses"
import { CATALOG_ROLES } from "../../../../utils/tenancy"

/** POST /admin/courses/:id/publish: 400 unless the product has a variant with an access plan. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await courseInScope(req, req.params.id, CATALOG_ROLES)
  const { result } = await publishCourseWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ course: result })
}
