import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteLessonWorkflow } from "../../../../workflows/delete-lesson"
import { lessonUsage } from "../../../../workflows/steps/lesson-usage"
import { updateLessonWorkflow } from "../../../../workflows/update-lesson"
import { courseService, lessonInScope } from "../../../utils/admin-courses"
import { CATALOG_ROLES } from "../../../utils/tenancy"
import type { AdminUpdateLesson } from "../../../validators"

/** GET /admin/lessons/:id with where it is used. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { lesson } = await lessonInScope(req, req.params.id)
  const usage = await lessonUsage(courseService(req), [lesson.id])
  res.json({ lesson: { ...lesson, used_in: usage.get(lesson.id) ?? [] } })
}

/** POST /admin/lessons/:id: edits show in every course the lesson is placed in. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateLesson>, res: MedusaResponse) {
  await lessonInScope(req, req.params.id, CATALOG_ROLES)
  const { result } = await updateLessonWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ lesson: result })
}

/** DELETE /admin/lessons/:id: refused (400, listing the places) while the lesson is placed. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await lessonInScope(req, req.params.id, CATALOG_ROLES)
  await deleteLessonWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "lesson", deleted: true })
}
