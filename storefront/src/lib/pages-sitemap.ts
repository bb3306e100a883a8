import "./server-only"
import { store, StoreError } from "./medusa"
import type { SitemapEntry } from "./seo"

type PageEntry = { slug: string; is_home: boolean; noindex: boolean; updated_at: string | null; published_at: string | null }

/**
 * The org's published sales pages (`@volmify/pages`, GET /store/pages) for the sitemap: each
 * that is not `noindex`, at `/p/<slug>`; the home page is `/` (already in the sitemap), so
 * only its last change is taken. Empty when the backend has no pages plugin.
 */
export async function listPublishedPagesForSitemap(): Promise<{ entries: SitemapEntry[]; homeLastmod: string | null }> {
  let pages: PageEntry[]
  try {
    pages = (await store<{ pages: PageEntry[] }>("/store/pages", { auth: false })).pages
  } catch (error) {
    if (error instanceof StoreError && error.status === 404) return { entries: [], homeLastmod: null }
    throw error
  }
  const home = pages.find((p) => p.is_home)
  return {
    entries: pages.filter((p) => !p.is_home && !p.noindex).map((p) => ({ path: `/p/${encodeURIComponent(p.slug)}`, lastmod: p.updated_at ?? p.published_at })),
    homeLastmod: home ? (home.updated_at ?? home.published_at) : null,
  }
}
