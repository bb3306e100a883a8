import "./server-only"
import { getCourse, listCourses, type Course, type CourseSummary } from "./courses"
import { localeHeaders } from "./locale"
import { store, StoreError } from "./medusa"
import { perRequest } from "./request-scope"

// Sales pages (@volmify/pages): the published version of a page, as blocks, in the visitor's
// locale (the store merges the page's translations, each missing text keeping the default).

export type { Run, RichNode, PageBlock, SalesPage } from "./page-model"
export { timeLeft, videoSource } from "./page-model"
import type { PageBlock, SalesPage } from "./page-model"

async function published(path: string): Promise<SalesPage | null> {
  try {
    return (await store<{ page: SalesPage }>(path, { auth: false, headers: await localeHeaders() })).page
  } catch (error) {
    if (error instanceof StoreError && error.status === 404) return null
    throw error
  }
}

/** The org's published page at `/p/<slug>`, or null. */
export const getSalesPage = perRequest((slug: string) => published(`/store/pages/${encodeURIComponent(slug)}`))

/** The org's published home page, or null (the storefront's fixed home page then). */
export const getHomePage = perRequest(() => published("/store/home-page"))

/**
 * What a page's blocks show besides their own content, read before rendering (the pages are
 * rendered without client JavaScript, by synchronous components): the catalog for course
 * grids, and each priced course with its tiers in the visitor's region.
 */
export type BlockData = { courses: CourseSummary[]; priced: Record<string, Course> }

export async function loadBlockData(blocks: PageBlock[]): Promise<BlockData> {
  const grids = blocks.filter((b) => b.type === "course_grid")
  const priced = [...new Set(blocks.flatMap((b) => (b.type === "pricing_table" ? [b.course_id] : [])))]
  const [courses, pricedCourses] = await Promise.all([
    grids.length ? listCourses(grids.some((b) => b.courses !== "all") ? 100 : 48) : Promise.resolve([]),
    Promise.all(priced.map((id) => getCourse(id))),
  ])
  return {
    courses: courses ?? [],
    priced: Object.fromEntries(pricedCourses.flatMap((c, i) => (c ? [[priced[i], c] as const] : []))),
  }
}

