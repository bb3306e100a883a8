import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { translated } from "../../../rules/translations"
import { readTranslations, storeLocale } from "../../utils/course-translations"
import { courseService, STORE_COURSE_FIELDS, withEffectiveSeo } from "../../utils/store-courses"
import type { StoreListCourses } from "../../validators"

import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/**
 * GET /store/courses: the published courses of the key's org. In another enabled locale
 * (`?locale=` or `x-volmify-locale`, as the course route) each card's title, subtitle and
 * description are the translated ones where they exist; a locale the org has not enabled is
 * a 400 naming the enabled ones.
 */
export async function GET(req: MedusaStoreRequest<unknown, StoreListCourses>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const locale = storeLocale(req, org)
  const { limit, offset } = req.validatedQuery
  const [courses, count] = await courseService(req).listAndCountCourses(
    { org_id: org.id, status: "published" },
    { skip: offset, take: limit, select: STORE_COURSE_FIELDS, order: { published_at: "DESC", id: "ASC" } }
  )
  let cards = courses.map(withEffectiveSeo)
  if (locale) {
    const t = await readTranslations(req, locale, cards.map((c) => c.id))
    cards = cards.map((c) => translated(c, "course", c.id, ["title", "subtitle", "description"], t))
    res.setHeader("content-language", locale)
  }
  res.json({ courses: cards, count, limit, offset, ...(locale ? { locale } : {}) })
}
