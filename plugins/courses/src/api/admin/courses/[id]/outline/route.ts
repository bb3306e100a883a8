import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { applyCourseOutlineWorkflow } from "../../../../../workflows/outline"
import { adminOutline, courseInScope } from "../../../../utils/admin-courses"
import { CATALOG_ROLES } from "../../../../utils/tenancy"
import type { AdminOutline } from "../../../../validators"

/** GET /admin/courses/:id/outline */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id)
  res.json({ modules: await adminOutline(req, course.id) })
}

/**
 * POST /admin/courses/:id/outline { modules: [...whole tree...], remove? }: creates,
 * renames, reorders, moves and removes in one transaction; a bad payload changes nothing.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminOutline>, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id, CATALOG_ROLES)
  await applyCourseOutlineWorkflow(req.scope).run({ input: { course_id: course.id, outline: req.validatedBody } })
  res.json({ modules: await adminOutline(req, course.id) })
}
