import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { localesOfOrg, missingTranslations, translatableLocale } from "../../../../../../rules/translations"
import { courseInScope } from "../../../../../utils/admin-courses"
import { courseSourceTexts, readTranslations } from "../../../../../utils/course-translations"
import type { AdminMissingTranslationsQuery } from "../../../../../validators"

/** GET /admin/courses/:id/translations/missing?locale=: the course's texts with no translation in the locale. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMissingTranslationsQuery>, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id)
  const locale = translatableLocale(req.validatedQuery.locale, await localesOfOrg(req.scope, course.org_id), "course")
  const sources = await courseSourceTexts(req, course)
  const t = await readTranslations(req, locale, [...new Set(sources.map((s) => s.entity_id))])
  const missing = missingTranslations(sources, t)
  res.json({ locale, missing, count: missing.length, total: sources.filter((s) => s.source?.trim()).length })
}
