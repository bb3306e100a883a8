import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { missingPageTranslations, pageSourceTexts } from "../../../../../../rules/page-translations"
import { pageInScope, READ_ROLES } from "../../../../../utils/scope"
import { localesOfOrg, translatableLocale } from "@volmify/courses/translations"
import { pageDraft, readPageTranslations } from "../../../../../utils/translations"
import type { AdminMissingPageTranslationsQuery } from "../../../../../validators"

/** GET /admin/pages/:id/translations/missing?locale=: the draft's texts (and SEO) with no translation in the locale. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMissingPageTranslationsQuery>, res: MedusaResponse) {
  const page = await pageInScope(req, READ_ROLES)
  const locale = translatableLocale(req.validatedQuery.locale, await localesOfOrg(req.scope, page.org_id), "page")
  const sources = pageSourceTexts((await pageDraft(req, page.id)).blocks, page.seo as Record<string, unknown> | null)
  const missing = missingPageTranslations(sources, await readPageTranslations(req, page.id, locale))
  res.json({ locale, missing, count: missing.length, total: sources.length })
}
