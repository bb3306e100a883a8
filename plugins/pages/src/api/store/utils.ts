import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveStoreOrg } from "@volmify/orgs/tenancy"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"
import { translateBlocks, translateSeo } from "../../rules/page-translations"
import { presentStorePage } from "../responses"
import { readPageTranslations, storePageLocale } from "../utils/translations"

/**
 * The key's org's published page matching `filters`, with its published version's blocks;
 * a draft-only page is a 404 like a missing one (drafts never reach the store). In a locale
 * the org enabled (the `x-volmify-locale` header), translated texts replace the default ones
 * text by text (a missing translation keeps the default); `locale` says which was served.
 */
export async function publishedPage(req: MedusaStoreRequest, filters: { slug: string } | { is_home: true }, label: string) {
  const org = await resolveStoreOrg(req)
  const service = req.scope.resolve<PagesModuleService>(PAGES_MODULE)
  const [page] = await service.listPages({ ...filters, org_id: org.id, status: "published" })
  const notFound = new MedusaError(MedusaError.Types.NOT_FOUND, `${label} was not found`)
  if (!page?.published_version_id) throw notFound
  const [version] = await service.listPageVersions({ id: page.published_version_id, page_id: page.id })
  if (!version) throw notFound
  const { locale, translate } = storePageLocale(req, org)
  if (!translate) return presentStorePage(page, version, locale)
  const t = await readPageTranslations(req, page.id, locale)
  const blocks = translateBlocks((version.blocks ?? []) as unknown as Array<{ id: string; type: string }>, t)
  const seo = translateSeo((page.seo ?? null) as Record<string, unknown> | null, t)
  return presentStorePage({ ...page, seo }, { ...version, blocks }, locale)
}
