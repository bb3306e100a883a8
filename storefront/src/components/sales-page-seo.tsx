import type { Metadata } from "next"
import { getCourse } from "@/lib/courses"
import { getOrg } from "@/lib/data"
import { siteOrigin } from "@/lib/origin"
import type { SalesPage } from "@/lib/pages"
import { breadcrumbJsonLd, courseJsonLd, jsonLdScript, pageMetadata, productJsonLd, salesPageSeo, type JsonLd } from "@/lib/seo"
import { tierName } from "@/lib/tiers"

/** Next metadata of a published sales page at `path` (title, description, canonical, OG, Twitter, robots). */
export async function salesPageMetadata(page: SalesPage, path: string): Promise<Metadata> {
  const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
  return pageMetadata(org, origin, salesPageSeo(page, path), path === "/")
}

/**
 * The JSON-LD of a sales page (the Organization comes with the shell): its BreadcrumbList,
 * and a Course and a Product (offers per tier, in the visitor's region) for each course it
 * sells in a pricing table. Data, not script: the browser never runs it.
 */
export async function SalesPageJsonLd({ page, path }: { page: SalesPage; path: string }) {
  const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
  const crumbs = [{ name: org.name, path: "/" }, ...(path === "/" ? [] : [{ name: page.title, path }])]
  const sold = [...new Set(page.blocks.flatMap((b) => (b.type === "pricing_table" ? [b.course_id] : [])))]
  const courses = (await Promise.all(sold.map((id) => getCourse(id)))).filter((c) => c !== null)
  const data: JsonLd[] = [breadcrumbJsonLd(origin, crumbs)]
  for (const course of courses) {
    const opts = { tierLabel: (t: (typeof course.tiers)[number]) => tierName(course.tiers, t.tier) }
    data.push(courseJsonLd(course, org, origin, opts), productJsonLd(course, org, origin, opts))
  }
  return (
    <>
      {data.map((d, i) => (
        // Escaped by jsonLdScript: no "</script>" in the data can end it early.
        <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(d) }} />
      ))}
    </>
  )
}
