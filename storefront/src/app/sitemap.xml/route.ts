import { listAllCoursesForSitemap } from "@/lib/courses"
import { siteOrigin } from "@/lib/origin"
import { listPublishedPagesForSitemap } from "@/lib/pages-sitemap"
import { courseSitemapEntries, sitemapXml } from "@/lib/seo"
import { TenantNotFound } from "@/lib/tenant"

export const dynamic = "force-dynamic"

/**
 * GET /sitemap.xml for the org this host serves: home, the catalog, exactly its published
 * courses (noindex ones left out) and its published sales pages. Another org's domain gets
 * its own; an unknown host a 404.
 */
export async function GET() {
  try {
    const [origin, courses, pages] = await Promise.all([siteOrigin(), listAllCoursesForSitemap(), listPublishedPagesForSitemap()])
    const xml = sitemapXml(origin, [{ path: "/" }, { path: "/courses" }, ...courseSitemapEntries(courses), ...pages])
    return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=300" } })
  } catch (error) {
    if (error instanceof TenantNotFound) return new Response("Not found", { status: 404 })
    throw error
  }
}
