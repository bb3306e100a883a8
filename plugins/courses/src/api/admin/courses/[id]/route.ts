import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteCourseWorkflow } from "../../../../workflows/delete-course"
import { updateCourseWorkflow } from "../../../../workflows/update-course"
import { adminOutline, courseInScope } from "../../../utils/admin-courses"
import { CATALOG_ROLES } from "../../../utils/tenancy"
import type { AdminUpdateCourse } from "../../../validators"

/** GET /admin/courses/:id with its outline. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id)
  res.json({ course: { ...course, modules: await adminOutline(req, course.id) } })
}

/** POST /admin/courses/:id: edit fields (catalog roles). */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateCourse>, res: MedusaResponse) {
  await courseInScope(req, req.params.id, CATALOG_ROLES)
  const { result } = await updateCourseWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ course: result })
}

/** DELETE /admin/courses/:id: the course and its outline (library lessons stay). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await courseInScope(req, req.params.id, CATALOG_ROLES)
  await deleteCourseWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "course", deleted: true })
}
