import "server-only"
import type { SitemapEntry } from "./seo"

/**
 * The org's published sales pages (issue 26 part 1, `@volmify/pages`) for the sitemap.
 * TO WIRE at merge: the pages plugin is built in parallel and its store route is not in this
 * branch; until then there are none. Expected: each published page that is not `seo.noindex`
 * as `{ path: "/p/<slug>" (the home page: "/"), lastmod: updated_at }`.
 */
export async function listPublishedPagesForSitemap(): Promise<SitemapEntry[]> {
  return []
}
