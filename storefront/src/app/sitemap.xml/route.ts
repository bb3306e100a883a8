import { listAllCoursesForSitemap } from "@/lib/courses"
import { getOrg } from "@/lib/data"
import { siteOrigin } from "@/lib/origin"
import { listPublishedPagesForSitemap } from "@/lib/pages-sitemap"
import { courseSitemapEntries, hreflangAlternates, sitemapXml, type SitemapEntry } from "@/lib/seo"
import { TenantNotFound } from "@/lib/tenant"

export const dynamic = "force-dynamic"

/**
 * GET /sitemap.xml for the org this host serves: home, the catalog, exactly its published
 * courses and its published sales pages (noindex ones left out). With more than one locale,
 * each course names its translations (hreflang). Another org's domain gets its own; an
 * unknown host a 404.
 */
export async function GET() {
  try {
    const [org, origin, courses, pages] = await Promise.all([getOrg(), siteOrigin(), listAllCoursesForSitemap(), listPublishedPagesForSitemap()])
    const withLocales = (e: SitemapEntry): SitemapEntry =>
      org.locales.length > 1 ? { ...e, alternates: hreflangAlternates(origin, e.path, org.locales, org.branding.default_locale) } : e
    const xml = sitemapXml(origin, [
      withLocales({ path: "/", lastmod: pages.homeLastmod }),
      withLocales({ path: "/courses" }),
      ...courseSitemapEntries(courses).map(withLocales),
      ...pages.entries.map(withLocales),
    ])
    return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=300" } })
  } catch (error) {
    if (error instanceof TenantNotFound) return new Response("Not found", { status: 404 })
    throw error
  }
}
