import Link from "@/components/link"
import { CourseCard } from "@/components/course-card"
import { ProductCard } from "@/components/product-card"
import { listCourses } from "@/lib/courses"
import { getOrg, listProducts } from "@/lib/data"
import { PageBlocks } from "@/components/page-blocks"
import { SalesPageJsonLd, salesPageMetadata } from "@/components/sales-page-seo"
import { getHomePage } from "@/lib/pages"
import { siteOrigin } from "@/lib/origin"
import { hreflangAlternates, pageMetadata } from "@/lib/seo"
import type { Metadata } from "next"

/** The published home page's own SEO (defaults from its blocks), else the fixed home page's. */
export async function generateMetadata(): Promise<Metadata> {
  const home = await getHomePage()
  if (home) return salesPageMetadata(home, "/")
  const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
  return pageMetadata(
    org,
    origin,
    {
      title: `Learn with ${org.name}`,
      description: `Courses from ${org.name} you can start today, at the level that suits you.`,
      canonical: "/",
      languages: org.locales.length > 1 ? hreflangAlternates(origin, "/", org.locales, org.branding.default_locale) : undefined,
      image: org.branding.logo_url,
    },
    true
  )
}

/** The org's published home page (sales-page blocks), else the fixed home page below. */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const home = await getHomePage()
  if (home) {
    return (
      <>
        <SalesPageJsonLd page={home} path="/" />
        <PageBlocks blocks={home.blocks} path="/" params={await searchParams} />
      </>
    )
  }
  const [org, courses] = await Promise.all([getOrg(), listCourses(3)])
  const products = courses ? [] : await listProducts(3)
  return (
    <>
      <section className="hero">
        <h1>Learn with {org.name}</h1>
        <p>Courses you can start today, at the level that suits you.</p>
        <Link href="/courses" className="btn secondary">
          Browse courses
        </Link>
      </section>
      <h2>Featured courses</h2>
      {(courses?.length ?? products.length) ? (
        <div className="grid">
          {courses?.map((c) => <CourseCard key={c.id} course={c} />)}
          {products.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </div>
      ) : (
        <p className="muted">No courses are published yet.</p>
      )}
    </>
  )
}
