import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveLessonQuizWorkflow } from "../../../../../workflows/save-lesson-quiz"
import { courseService, lessonInScope } from "../../../../utils/admin-courses"
import { CATALOG_ROLES } from "../../../../utils/tenancy"
import type { AdminSaveQuiz } from "../../../../validators"

/** GET /admin/lessons/:id/quiz: the quiz with its answer key (staff of the lesson's org), or null. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { lesson } = await lessonInScope(req, req.params.id)
  const [quiz] = await courseService(req).listQuizDefinitions({ lesson_id: lesson.id }, { take: 1 })
  res.json({ quiz: quiz ?? null })
}

/** POST /admin/lessons/:id/quiz: settings and the whole question list (catalog roles); 400 naming the field. */
export async function POST(req: AuthenticatedMedusaRequest<AdminSaveQuiz>, res: MedusaResponse) {
  const { lesson } = await lessonInScope(req, req.params.id, CATALOG_ROLES)
  const { result } = await saveLessonQuizWorkflow(req.scope).run({ input: { lesson_id: lesson.id, ...req.validatedBody } })
  res.json({ quiz: result })
}
