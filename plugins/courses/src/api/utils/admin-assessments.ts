import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { courseService } from "./admin-courses"
import { adminOrgScope } from "./tenancy"
import type { CustomerRow } from "../../types/rows"

/** A submission the caller may see (another org's: 404). */
export async function submissionInScope(req: MedusaRequest, id: string) {
  const orgId = await adminOrgScope(req)
  const [submission] = await courseService(req).listAssignmentSubmissions({ id }, { take: 1 })
  if (!submission || (orgId && submission.org_id !== orgId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Submission "${id}" was not found`)
  }
  return submission
}

/** Submissions with their course and lesson titles and the student's name and email (constant queries). */
export async function describeSubmissions<T extends { course_id: string; lesson_id: string; customer_id: string }>(req: MedusaRequest, rows: T[]) {
  if (!rows.length) return []
  const service = courseService(req)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [courses, lessons, { data: customers }] = await Promise.all([
    service.listCourses({ id: [...new Set(rows.map((r) => r.course_id))] }, { select: ["id", "title"], withDeleted: true }),
    service.listLessons({ id: [...new Set(rows.map((r) => r.lesson_id))] }, { select: ["id", "title", "body"], withDeleted: true }),
    query.graph({ entity: "customer", fields: ["id", "email", "first_name", "last_name"], filters: { id: [...new Set(rows.map((r) => r.customer_id))] } }),
  ])
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]))
  const c = byId(courses)
  const l = byId(lessons)
  const cu = byId(customers as CustomerRow[])
  return rows.map((r) => {
    const customer = cu.get(r.customer_id)
    return {
      ...r,
      course: { id: r.course_id, title: c.get(r.course_id)?.title ?? null },
      lesson: { id: r.lesson_id, title: l.get(r.lesson_id)?.title ?? null, instructions: l.get(r.lesson_id)?.body ?? null },
      customer: customer
        ? { id: customer.id, email: customer.email, name: [customer.first_name, customer.last_name].filter(Boolean).join(" ") || null }
        : { id: r.customer_id, email: null, name: null },
    }
  })
}

/** The download URL of a submission's file from Medusa's file module (null without one). */
export async function submissionFileUrl(req: MedusaRequest, fileId: string | null) {
  if (!fileId) return null
  try {
    const file = await req.scope.resolve(Modules.FILE).retrieveFile(fileId)
    return file?.url ?? null
  } catch {
    return null
  }
}
