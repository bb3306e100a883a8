import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { checkTranslationRows, describeTranslationProblem, pageSourceTexts, translationKey } from "../../../../../rules/page-translations"
import { setPageTranslationsWorkflow } from "../../../../../workflows/set-page-translations"
import { pageInScope, pagesService, READ_ROLES, WRITE_ROLES } from "../../../../utils/scope"
import { localesOfOrg, translatableLocale } from "@volmify/courses/translations"
import { pageDraft } from "../../../../utils/translations"
import type { AdminPageTranslationsQuery, AdminSetPageTranslations } from "../../../../validators"

/** GET /admin/pages/:id/translations[?locale=]: the page's translations (each with the draft's text it translates), with the org's locales. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminPageTranslationsQuery>, res: MedusaResponse) {
  const page = await pageInScope(req, READ_ROLES)
  const locales = await localesOfOrg(req.scope, page.org_id)
  const locale = req.validatedQuery.locale ? translatableLocale(req.validatedQuery.locale, locales, "page") : null
  const [rows, draft] = await Promise.all([
    pagesService(req).listPageTranslations(
      { page_id: page.id, ...(locale ? { locale } : {}) },
      { select: ["id", "locale", "block_id", "field", "value", "updated_at"], take: null, order: { locale: "ASC", block_id: "ASC", field: "ASC" } }
    ),
    pageDraft(req, page.id),
  ])
  // Each row with the draft's text it translates (null: that text is no longer on the draft).
  const sources = new Map(pageSourceTexts(draft.blocks, page.seo as Record<string, unknown> | null).map((s) => [translationKey(s.block_id, s.field), s.source]))
  const translations = rows.map((r) => ({ ...r, source: sources.get(translationKey(r.block_id, r.field)) ?? null }))
  res.json({ default_locale: locales.default_locale, locales: locales.locales, translations })
}

/**
 * POST /admin/pages/:id/translations: sets (or with `value: null` removes) texts in one
 * enabled, non-default locale. Every row is checked against the page's draft before anything
 * is written: a block not on it, a field its type cannot translate, a text it lacks or a
 * value over the field's limit is a 400 naming the row, block and field.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminSetPageTranslations>, res: MedusaResponse) {
  const page = await pageInScope(req, WRITE_ROLES)
  const locale = translatableLocale(req.validatedBody.locale, await localesOfOrg(req.scope, page.org_id), "page")
  const draft = await pageDraft(req, page.id)
  const problems = checkTranslationRows(req.validatedBody.translations, draft.blocks, page.seo as Record<string, unknown> | null)
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${problems.slice(0, 3).map(describeTranslationProblem).join("; ")}`)
  }
  const { result } = await setPageTranslationsWorkflow(req.scope).run({
    input: { page_id: page.id, locale, translations: req.validatedBody.translations },
  })
  res.json({ locale, ...result })
}
