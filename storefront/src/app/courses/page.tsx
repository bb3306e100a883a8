import { CourseCard } from "@/components/course-card"
import { ProductCard } from "@/components/product-card"
import { listCourses } from "@/lib/courses"
import { getOrg, listProducts } from "@/lib/data"
import { siteOrigin } from "@/lib/origin"
import { breadcrumbJsonLd, hreflangAlternates, jsonLdScript, pageMetadata } from "@/lib/seo"
import type { Metadata } from "next"

export async function generateMetadata(): Promise<Metadata> {
  const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
  return pageMetadata(org, origin, {
    title: "Courses",
    description: `All courses from ${org.name}.`,
    canonical: "/courses",
    languages: org.locales.length > 1 ? hreflangAlternates(origin, "/courses", org.locales, org.branding.default_locale) : undefined,
  })
}

export default async function Catalog() {
  const [courses, org, origin] = await Promise.all([listCourses(), getOrg(), siteOrigin()])
  const products = courses ? [] : await listProducts(50)
  const empty = courses ? !courses.length : !products.length
  return (
    <>
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{
          __html: jsonLdScript(breadcrumbJsonLd(origin, [{ name: org.name, path: "/" }, { name: "Courses", path: "/courses" }])),
        }}
      />
      <h1>Courses</h1>
      {empty ? <p className="muted">No courses are published yet.</p> : null}
      <div className="grid">
        {courses?.map((c) => <CourseCard key={c.id} course={c} />)}
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </div>
    </>
  )
}
