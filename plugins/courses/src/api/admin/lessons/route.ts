import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createLessonWorkflow } from "../../../workflows/create-lesson"
import { lessonUsage } from "../../../workflows/steps/lesson-usage"
import { courseService } from "../../utils/admin-courses"
import { adminOrgScope, CATALOG_ROLES } from "../../utils/tenancy"
import type { AdminCreateLesson, AdminListQuery } from "../../validators"

/** GET /admin/lessons: the org's library, each lesson with where it is used. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListQuery>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  const { q, org_id, limit, offset } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (orgId ?? org_id) filters.org_id = orgId ?? org_id
  if (q) filters.title = { $ilike: `%${q}%` }
  const service = courseService(req)
  const [lessons, count] = await service.listAndCountLessons(filters, { skip: offset, take: limit, order: { created_at: "DESC" } })
  const usage = await lessonUsage(service, lessons.map((l) => l.id))
  res.json({ lessons: lessons.map((l) => ({ ...l, used_in: usage.get(l.id) ?? [] })), count, limit, offset })
}

/** POST /admin/lessons: a library lesson of the caller's org (operators name the org). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateLesson>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, CATALOG_ROLES)
  const { org_id, ...fields } = req.validatedBody
  if (orgId && org_id && org_id !== orgId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${org_id}" was not found`)
  }
  const owner = orgId ?? org_id
  if (!owner) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "org_id is required for platform operators")
  }
  const { result } = await createLessonWorkflow(req.scope).run({ input: { ...fields, org_id: owner } })
  res.status(201).json({ lesson: result })
}
