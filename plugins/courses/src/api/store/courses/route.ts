import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { courseService, STORE_COURSE_FIELDS, withEffectiveSeo } from "../../utils/store-courses"
import type { StoreListCourses } from "../../validators"

import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/** GET /store/courses: the published courses of the key's org. */
export async function GET(req: MedusaStoreRequest<unknown, StoreListCourses>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { limit, offset } = req.validatedQuery
  const [courses, count] = await courseService(req).listAndCountCourses(
    { org_id: org.id, status: "published" },
    { skip: offset, take: limit, select: STORE_COURSE_FIELDS, order: { published_at: "DESC", id: "ASC" } }
  )
  res.json({ courses: courses.map(withEffectiveSeo), count, limit, offset })
}
