import "./server-only"
import { PUBLIC_BACKEND_URL } from "./config"
import { getRegion } from "./data"
import { VolmifyError } from "@volmify/js-sdk"
import { localeHeaders } from "./locale"
import { store, StoreError, volmify } from "./medusa"
import type { Seo } from "./seo"

// The Volmify store API contract (DESIGN.md "Store API contract").

export type LockReason = null | "auth" | "tier" | "drip"
export type OutlineLesson = {
  id: string // the placement id
  title: string
  type?: string
  duration_seconds?: number | null
  is_preview?: boolean
  required_tier: number
  locked: boolean
  lock_reason: LockReason
  available_at: string | null
  completed: boolean
}
export type OutlineSection = { id: string; title: string; required_tier?: number; lessons: OutlineLesson[] }
export type OutlineModule = { id: string; title: string; required_tier?: number; sections: OutlineSection[] }
export type TierOption = {
  tier: number
  title?: string
  /** The merchant's name for the tier (course details), null when not set. */
  name?: string | null
  /** "What you get" lines the merchant wrote for the tier. */
  includes?: string[]
  variants: { id: string; title: string; calculated_price?: { calculated_amount: number | null; currency_code: string } | null }[]
}
export type Course = {
  id: string
  handle: string
  title: string
  subtitle?: string | null
  description?: string | null
  level?: string | null
  difficulty?: number | null
  language?: string | null
  thumbnail?: string | null
  estimated_minutes?: number | null
  product_id?: string
  tiers: TierOption[]
  /** Anyone may enroll in its free tier with only an email. */
  lead_magnet?: boolean
  access: { tier: number; enrolled: boolean; progress_percent: number }
  modules: OutlineModule[]
  instructors?: Instructor[]
  faq?: { question: string; answer: string }[]
  /** Resolved by the store: the merchant's values, else derived from the content. */
  seo?: Seo
  updated_at?: string
}
export type Instructor = { id: string; name: string; headline?: string | null; bio?: string | null; photo_url?: string | null }

/** The course (gated outline for this caller) with each tier's prices in the visitor's region. */
export async function getCourse(handle: string): Promise<Course | null> {
  let course: Course
  try {
    // In the visitor's locale (lib/locale.ts): translated texts, each missing one in the default.
    course = (await store<{ course: Course }>(`/store/courses/${encodeURIComponent(handle)}`, { headers: await localeHeaders() })).course
  } catch (error) {
    if (error instanceof StoreError && error.status === 404) return null
    throw error
  }
  const region = await getRegion()
  if (course.product_id && region) {
    const { product } = await store<{ product: { variants: { id: string; calculated_price?: any }[] } }>(
      `/store/products/${course.product_id}`,
      { auth: false, query: { region_id: region.id, fields: "id,*variants,*variants.calculated_price" } }
    ).catch(() => ({ product: { variants: [] } }))
    const prices = new Map(product.variants.map((v) => [v.id, v.calculated_price ?? null]))
    course.tiers = course.tiers.map((t) => ({
      ...t,
      variants: t.variants.map((v) => ({ ...v, calculated_price: prices.get(v.id) ?? null })),
    }))
  }
  return course
}

/** Media URLs from the API are paths on Medusa; the browser needs Medusa's public URL. */
export const mediaUrl = (url: string | null | undefined) =>
  !url ? null : /^https?:\/\//.test(url) ? url : `${PUBLIC_BACKEND_URL.replace(/\/$/, "")}${url}`

export type Lesson = {
  id: string
  title: string
  type: string
  body?: string | null
  /** `embed_url`: the host's own player (YouTube, Vimeo, Mux, Cloudflare Stream) for an iframe. */
  video?: { provider: string; url: string | null; embed_url?: string | null; expires_at: string | null; protected?: boolean } | null
  duration_seconds?: number | null
  attachments?: { name: string; url: string; mime_type?: string | null }[]
}

export type LessonResult =
  | { ok: true; lesson: Lesson }
  | { ok: false; status: number; code?: string; message: string; required_tier?: number; current_tier?: number; unlock_variant_ids?: string[]; available_at?: string }

/** A lesson, or why it is closed (the gate's answer: 401, 403 tier_required / drip_locked, 404). */
export async function getLesson(handle: string, placementId: string): Promise<LessonResult> {
  const { api, as } = await volmify()
  const inLocale = { ...as, headers: { ...as.headers, ...(await localeHeaders()) } }
  try {
    // The generated type of the answer must fit the page's Lesson (checked by tsc).
    const lesson: Lesson = (await api.lessons.retrieve(handle, placementId, inLocale)).lesson
    return { ok: true, lesson }
  } catch (error) {
    if (!(error instanceof VolmifyError)) throw error
    const body = error.body as Record<string, any>
    if ([401, 403, 404].includes(error.status ?? 0)) {
      return { ok: false, status: error.status!, ...body, message: body.message ?? "This lesson is not available" }
    }
    throw new StoreError(body.message ?? "The store is not reachable", error.status ?? 500, body)
  }
}

export type Enrollment = {
  id: string
  status: string
  tier?: number
  progress_percent?: number
  course: { id: string; handle: string; title: string; thumbnail?: string | null }
}

export async function listEnrollments(): Promise<Enrollment[]> {
  const { api, as } = await volmify()
  return (await api.enrollments.list(as)).enrollments as Enrollment[]
}

export { isPlaceholderTitle, tierName, tierOwnName } from "./tiers"

export { continueLesson, lessonsInOrder } from "./course-view"

export type CourseSummary = {
  id: string
  handle: string
  title: string
  subtitle?: string | null
  description?: string | null
  level?: string | null
  thumbnail?: string | null
  product_id?: string
  seo?: Seo
  updated_at?: string
  /** The lowest price of its product's variants in the visitor's region (catalog cards). */
  from_price?: { amount: number; currency_code: string; more: boolean } | null
}

/**
 * Published courses of this org (null when this backend has no courses plugin), each with
 * its lowest price in the visitor's region (one products request for the whole page).
 */
export async function listCourses(limit = 50): Promise<CourseSummary[] | null> {
  let courses: CourseSummary[]
  try {
    // The cards in the visitor's locale (titles, subtitles, descriptions translated where they are).
    courses = (await store<{ courses: CourseSummary[] }>("/store/courses", { query: { limit }, headers: await localeHeaders() })).courses
  } catch (error) {
    if (error instanceof StoreError && error.status === 404) return null
    throw error
  }
  const region = await getRegion()
  const ids = courses.map((c) => c.product_id).filter(Boolean) as string[]
  if (!region || !ids.length) return courses
  const { products } = await store<{ products: { id: string; variants: { calculated_price?: any }[] }[] }>("/store/products", {
    auth: false,
    query: { id: ids, limit: ids.length, region_id: region.id, fields: "id,*variants.calculated_price" },
  }).catch(() => ({ products: [] as { id: string; variants: { calculated_price?: any }[] }[] }))
  const prices = new Map(
    products.map((p) => {
      const priced = p.variants.map((v) => v.calculated_price).filter((cp) => cp?.calculated_amount != null)
      if (!priced.length) return [p.id, null] as const
      const lowest = priced.reduce((a, b) => (b.calculated_amount < a.calculated_amount ? b : a))
      return [p.id, { amount: lowest.calculated_amount as number, currency_code: lowest.currency_code as string, more: priced.length > 1 }] as const
    })
  )
  return courses.map((c) => ({ ...c, from_price: (c.product_id && prices.get(c.product_id)) || null }))
}

/**
 * Every published course of this org for the sitemap (pages of 100, no prices); empty when
 * the backend has no courses plugin.
 */
export async function listAllCoursesForSitemap(): Promise<CourseSummary[]> {
  const all: CourseSummary[] = []
  for (let offset = 0; ; offset += 100) {
    let page: { courses: CourseSummary[]; count: number }
    try {
      page = await store<{ courses: CourseSummary[]; count: number }>("/store/courses", { auth: false, query: { limit: 100, offset } })
    } catch (error) {
      if (error instanceof StoreError && error.status === 404) return all
      throw error
    }
    all.push(...page.courses)
    if (!page.courses.length || all.length >= page.count || offset >= 10_000) return all
  }
}

export type UpgradeQuote = {
  variant_id: string
  tier: number
  from_tier: number | null
  currency_code: string
  /** Exact decimal strings in the region's currency. */
  price: `${number}`
  credit: `${number}`
  amount_due: `${number}`
  credit_minor: number
}

/**
 * What the logged-in student pays for each of these tiers after the credit for what they
 * paid for lower ones (computed by the server, @volmify/access). A tier it cannot quote
 * (not sold in the region, already held) is left out: the plain price is shown instead.
 */
export async function getUpgradeQuotes(variantIds: string[]): Promise<Map<string, UpgradeQuote>> {
  const region = await getRegion()
  const quotes = new Map<string, UpgradeQuote>()
  if (!region) return quotes
  await Promise.all(
    variantIds.map(async (variant_id) => {
      const { upgrade_quote } = await store<{ upgrade_quote: UpgradeQuote }>("/store/customers/me/upgrade-quote", {
        query: { variant_id, region_id: region.id },
      }).catch(() => ({ upgrade_quote: null }))
      if (upgrade_quote) quotes.set(variant_id, upgrade_quote)
    })
  )
  return quotes
}
