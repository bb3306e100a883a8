import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { TranslatableType } from "../../../../../modules/course/models/course-translation"
import { setCourseTranslationsWorkflow } from "../../../../../workflows/set-course-translations"
import { courseInScope, courseService } from "../../../../utils/admin-courses"
import { localesOfOrg, translatableLocale } from "../../../../../rules/translations"
import { assertTranslatable, courseSourceTexts } from "../../../../utils/course-translations"
import { CATALOG_ROLES } from "../../../../utils/tenancy"
import type { AdminSetTranslations, AdminTranslationsQuery } from "../../../../validators"

/** GET /admin/courses/:id/translations[?locale=]: the course's translations, with the org's locales. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminTranslationsQuery>, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id)
  const locales = await localesOfOrg(req.scope, course.org_id)
  const locale = req.validatedQuery.locale ? translatableLocale(req.validatedQuery.locale, locales, "course") : null
  const ids = [...new Set((await courseSourceTexts(req, course)).map((s) => s.entity_id))]
  const translations = await courseService(req).listCourseTranslations(
    { entity_id: ids, ...(locale ? { locale } : {}) },
    { select: ["id", "entity_type", "entity_id", "locale", "field", "value", "updated_at"], take: null, order: { locale: "ASC", entity_type: "ASC" } }
  )
  res.json({ default_locale: locales.default_locale, locales: locales.locales, translations })
}

/**
 * POST /admin/courses/:id/translations: sets (or with `value: null` removes) texts in one
 * enabled, non-default locale. Every row is checked before anything is written: a field its
 * type does not have is a 400, an entity outside this course (another org's included) a 404.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminSetTranslations>, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id, CATALOG_ROLES)
  const locale = translatableLocale(req.validatedBody.locale, await localesOfOrg(req.scope, course.org_id), "course")
  const members = new Set((await courseSourceTexts(req, course)).map((s) => `${s.entity_type}:${s.entity_id}`))
  for (const row of req.validatedBody.translations) assertTranslatable(row as { entity_type: TranslatableType; entity_id: string; field: string }, members)
  const { result } = await setCourseTranslationsWorkflow(req.scope).run({
    input: { org_id: course.org_id, locale, translations: req.validatedBody.translations },
  })
  res.json({ locale, ...result })
}
