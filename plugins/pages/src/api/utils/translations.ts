import type { MedusaRequest } from "@medusajs/framework/http"
import { chooseLocale, LOCALE_HEADER, orgLocales } from "@volmify/courses/translations"
import { pageTranslationMap, type PageTranslations } from "../../rules/page-translations"
import { pagesService } from "./scope"

/** The page's draft (its newest version): what translations are checked against and listed from. */
export async function pageDraft(req: MedusaRequest, pageId: string) {
  const [draft] = await pagesService(req).listPageVersions({ page_id: pageId }, { select: ["id", "number", "blocks"], order: { number: "DESC" }, take: 1 })
  return { number: draft?.number ?? 0, blocks: (draft?.blocks ?? []) as unknown as Array<{ id: string; type: string }> }
}

/** A page's translations in one locale. */
export async function readPageTranslations(req: MedusaRequest, pageId: string, locale: string): Promise<PageTranslations> {
  const rows = await pagesService(req).listPageTranslations({ page_id: pageId, locale }, { select: ["block_id", "field", "value"], take: null })
  return pageTranslationMap(rows)
}

/**
 * The locale a store request reads pages in: the `x-volmify-locale` header when the org
 * enabled it, else the org's default (a locale the org does not offer, or a malformed one,
 * serves the default rather than failing a landing page). `translate`: not the default.
 */
export function storePageLocale(req: MedusaRequest, org: { branding?: unknown }): { locale: string; translate: boolean } {
  const locales = orgLocales(org.branding as Record<string, unknown> | null)
  const header = req.headers[LOCALE_HEADER]
  const choice = chooseLocale(typeof header === "string" ? header : undefined, locales)
  if (!choice.ok || choice.is_default) return { locale: locales.default_locale, translate: false }
  return { locale: choice.locale, translate: true }
}
