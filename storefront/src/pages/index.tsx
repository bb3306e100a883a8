import type { GetServerSideProps } from "next"
import Link from "@/components/link"
import { CourseCard } from "@/components/course-card"
import { ProductCard } from "@/components/product-card"
import { SalesPageView, type SalesPageData } from "@/components/sales-page"
import { listCourses, type CourseSummary } from "@/lib/courses"
import { listProducts, type Product } from "@/lib/data"
import { getHomePage, loadBlockData } from "@/lib/pages"
import { fixedHomeHead, salesPageHead } from "@/lib/sales-page-head"
import { HeadTagsView } from "@/components/head-tags"
import type { HeadTags } from "@/lib/seo"
import { queryValue, shellPageProps, type ShellProps } from "@/lib/pages-props"

/**
 * The home page: the org's published home sales page (blocks), else a fixed page with the
 * first courses. Pages Router, no client JavaScript (as the course and lesson pages).
 */
// `runtime` is named so that the object fits Next's PagesPageConfig type (see pages/courses/[handle]/index.tsx).
export const config = { runtime: "nodejs", unstable_runtimeJS: false }

type HomeData = ({ kind: "sales" } & SalesPageData) | { kind: "fixed"; courses: CourseSummary[] | null; products: Product[]; head: HeadTags }

export const getServerSideProps: GetServerSideProps = async (ctx) => {
  const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, queryValue(v)]))
  return shellPageProps<HomeData>(ctx, async () => {
    const home = await getHomePage()
    if (home) {
      const data = await loadBlockData(home.blocks)
      return { kind: "sales", page: home, data, head: await salesPageHead(home, "/", data.priced), query }
    }
    const [courses, head] = await Promise.all([listCourses(3), fixedHomeHead()])
    return { kind: "fixed", courses, products: courses ? [] : await listProducts(3), head }
  })
}

export default function Home(props: ShellProps & { page: HomeData | null }) {
  const org = "shell" in props ? props.shell.org.name : ""
  if (!props.page) return null
  if (props.page.kind === "sales") return <SalesPageView {...props.page} path="/" />
  const { courses, products, head } = props.page
  return (
    <>
      <HeadTagsView head={head} />
      <section className="hero">
        <h1>Learn with {org}</h1>
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
