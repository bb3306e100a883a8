import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { resolveStoreOrg } from "@volmify/orgs/tenancy"
import { courseProgressPercent } from "../../../../rules/course-progress"
import { translated, translateOutline } from "../../../../rules/translations"
import { readTranslations, storeLocale } from "../../../utils/course-translations"
import { gatedOutlineBody } from "../../../utils/outline-body-cache"
import { callerAccess, courseService, courseTiers, findStoreCourse, withEffectiveSeo, withTierDetails } from "../../../utils/store-courses"

/**
 * GET /store/courses/:id_or_handle: the course with tiers, the caller's access and the
 * gated outline. A constant number of queries whatever the number of lessons: the course
 * with the caller's enrollment, their tier, the plan stamp; the outline itself comes from
 * the prepared-outline cache (keyed on the course's outline stamp) and its serialized,
 * gated form from a cache keyed on the caller's position (utils/outline-body-cache.ts).
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const locale = storeLocale(req, await resolveStoreOrg(req))
  const course = await findStoreCourse(req, req.params.id_or_handle, { details: true })
  const service = courseService(req)
  const [access, tiers, prepared] = await Promise.all([
    callerAccess(req, course),
    courseTiers(req, course.product_id),
    service.preparedOutline(course.id, course.outline_stamp),
  ])
  const completed = new Set<string>(access.enrollment?.completed_placement_ids ?? [])
  const { status: _status, org_id: _org, outline_stamp: _stamp, caller_enrollment: _enrollment, tier_details, ...publicCourse } = course
  const head = JSON.stringify({
    ...withEffectiveSeo(publicCourse),
    faq: publicCourse.faq ?? [],
    tiers: withTierDetails(tiers, tier_details),
    access: {
      tier: access.tier,
      enrolled: !!access.enrollment,
      progress_percent: access.enrollment ? courseProgressPercent([...prepared.placements.values()], access.tier, completed) : 0,
    },
  })
  const out = gatedOutlineBody(
    course.id,
    course.outline_stamp,
    prepared,
    {
      course_status: course.status,
      customer_id: access.customerId,
      customer_tier: access.tier,
      enrolled_at: access.enrollment?.started_at ?? null,
      completed_placement_ids: completed,
    },
    head
  )
  if (locale) {
    // Another locale: the cached default body with translated texts (each missing one keeps the default).
    const body = JSON.parse(out.body.toString("utf8"))
    const placements = prepared.placements
    const ids = [course.id, ...(body.course.modules as { id: string; sections: { id: string }[] }[]).flatMap((m) => [m.id, ...m.sections.map((s) => s.id)]), ...[...placements.values()].map((p) => p.lesson_id)]
    const t = await readTranslations(req, locale, ids)
    const translatedCourse = translated(body.course, "course", course.id, ["title", "subtitle", "description"], t)
    res.setHeader("content-language", locale)
    res.json({
      course: {
        ...translatedCourse,
        locale,
        modules: translateOutline(body.course.modules, t, (placementId) => placements.get(placementId)?.lesson_id),
      },
    })
    return
  }
  // Gzip from the cache when the client takes it (Medusa's compression middleware leaves a
  // response that already has a Content-Encoding alone).
  const gzip = req.acceptsEncodings("gzip") === "gzip"
  const body = gzip ? out.gzip() : out.body
  res.status(200)
  res.setHeader("content-type", "application/json; charset=utf-8")
  res.setHeader("vary", "Accept-Encoding")
  if (gzip) res.setHeader("content-encoding", "gzip")
  res.setHeader("content-length", String(body.length))
  res.end(body)
}
