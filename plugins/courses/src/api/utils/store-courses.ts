import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { InferTypeOf } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { COURSE_MODULE } from "../../modules/course"
import type { Course } from "../../modules/course/models/course"
import type CourseModuleService from "../../modules/course/service"
import type { EnrollmentWithProgress, PlacementLesson, PublishedCourseExtras } from "../../modules/course/service"
import type { TierDetail } from "../../rules/tier-details"
import { dripAvailableAt } from "../../rules/drip-availability"
import { effectiveCourseSeo, type CourseSeoInput, type EffectiveSeo } from "../../rules/course-seo"
import { decideLessonAccess, GateDecision } from "../../rules/lesson-gate"

import type { AccessModuleService } from "@volmify/access/modules/access"
import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/** What the store shows of a course (never its outline rows or lesson content). */
export const STORE_COURSE_FIELDS = [
  "id", "handle", "title", "subtitle", "description", "level", "difficulty", "language",
  "thumbnail", "estimated_minutes", "product_id", "published_at", "lead_magnet", "seo", "updated_at",
]

/** The course page adds what the merchant wrote about it (tiers' names and "includes", FAQ). */
const STORE_COURSE_DETAIL_FIELDS = [...STORE_COURSE_FIELDS, "tier_details", "faq"]

type CourseRow = InferTypeOf<typeof Course>
/** The columns findStoreCourse reads: STORE_COURSE_FIELDS, status and org_id (and the details' with `details`). */
export type StoreCourseColumns = Pick<
  CourseRow,
  | "id" | "handle" | "title" | "subtitle" | "description" | "level" | "difficulty" | "language" | "thumbnail"
  | "estimated_minutes" | "product_id" | "published_at" | "lead_magnet" | "seo" | "updated_at" | "status" | "org_id"
> & {
  tier_details?: TierDetail[] | null
  faq?: { question: string; answer: string }[] | null
}
/** A published course as findStoreCourse returns it. */
export type StoreCourse = StoreCourseColumns & PublishedCourseExtras

/** A course as the store shows it: its SEO resolved against its content (rules/course-seo.ts). */
export function withEffectiveSeo<T extends { title: string; subtitle?: string | null; description?: string | null; thumbnail?: string | null; seo?: unknown }>(
  course: T
): Omit<T, "seo"> & { seo: EffectiveSeo } {
  return { ...course, seo: effectiveCourseSeo({ ...course, seo: (course.seo ?? null) as CourseSeoInput | null }) }
}

export const courseService = (req: MedusaStoreRequest) => req.scope.resolve<CourseModuleService>(COURSE_MODULE)

/** The logged-in customer's id, or null (admin tokens do not count as customers). */
export function storeCustomerId(req: MedusaStoreRequest): string | null {
  const auth = req.auth_context
  return auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null
}

/**
 * A published course of the key's org by id or handle. Drafts, archived courses and other
 * orgs' courses are all the same 404.
 */
export async function findStoreCourse(req: MedusaStoreRequest, idOrHandle: string, opts: { placementId?: string; details?: boolean } = {}) {
  const org = await resolveStoreOrg(req)
  const by = idOrHandle.startsWith("course_") ? { id: idOrHandle } : { handle: idOrHandle }
  const fields = opts.details ? STORE_COURSE_DETAIL_FIELDS : STORE_COURSE_FIELDS
  const course = await courseService(req).findPublishedCourse<StoreCourseColumns>(org.id, by, [...fields, "status", "org_id"], {
    customer_id: storeCustomerId(req),
    placement_id: opts.placementId ?? null,
    instructors: !!opts.details,
  })
  if (!course) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${idOrHandle}" was not found`)
  }
  return course
}

/**
 * The caller's tier for the course's product and their enrollment with the placements
 * they completed (the enrollment usually came with findStoreCourse's query).
 */
export async function callerAccess(
  req: MedusaStoreRequest,
  course: { id: string; product_id: string; caller_enrollment?: EnrollmentWithProgress | null }
) {
  const customerId = storeCustomerId(req)
  if (!customerId) return { customerId, tier: 0, enrollment: null as Awaited<ReturnType<CourseModuleService["readEnrollmentWithProgress"]>> }
  const [tier, enrollment] = await Promise.all([
    tierAndPlanStamp(req, course.product_id).then((t) => t.tier),
    // findStoreCourse read it in its own query already.
    "caller_enrollment" in course ? course.caller_enrollment : courseService(req).readEnrollmentWithProgress(customerId, course.id),
  ])
  return { customerId, tier, enrollment }
}

/** Access plans (variant -> tier) by product, with the access module's plan stamp they were read at. */
const planCache = new Map<string, { stamp: string; plans: { variant_id: string; tier: number }[] }>()
const PLAN_CACHE_LIMIT = 2000

/**
 * The caller's tier on a product and the product's plan stamp, one query per request
 * (memoized on the request: the outline route needs both for callerAccess and courseTiers).
 */
type TierAndStamp = { tier: number; plan_stamp: string }
/** The memo tierAndPlanStamp keeps on the request. */
type TierMemo = { __volmifyTierAndStamp?: Map<string, Promise<TierAndStamp>> }

function tierAndPlanStamp(req: MedusaStoreRequest, productId: string): Promise<TierAndStamp> {
  const memo = ((req as MedusaStoreRequest & TierMemo).__volmifyTierAndStamp ??= new Map<string, Promise<TierAndStamp>>())
  if (!memo.has(productId)) {
    memo.set(productId, req.scope.resolve<AccessModuleService>("access").getTierAndPlanStamp(storeCustomerId(req), productId))
  }
  return memo.get(productId)!
}

type VariantPlan = { variant_id: string; tier: number }
/** A product variant as courseTiers reads it. */
type VariantRow = { id: string; title: string; sku?: string | null }

async function productPlans(req: MedusaStoreRequest, productId: string): Promise<VariantPlan[]> {
  const access = req.scope.resolve<AccessModuleService>("access")
  // The stamp is read before the plans: a write in between costs one more read, never a stale hit.
  const stamp = (await tierAndPlanStamp(req, productId)).plan_stamp
  const hit = planCache.get(productId)
  if (hit && hit.stamp === stamp) return hit.plans
  const plans = (await access.listAccessPlans({ product_id: productId }, { select: ["variant_id", "tier"] })).map((p) => ({
    variant_id: p.variant_id,
    tier: p.tier,
  }))
  planCache.delete(productId)
  planCache.set(productId, { stamp, plans })
  if (planCache.size > PLAN_CACHE_LIMIT) planCache.delete(planCache.keys().next().value as string)
  return plans
}

/**
 * tier -> the variants granting it (from access plans), ascending. Plans are cached per
 * plan stamp; variant titles come through Query with Medusa's cache (Redis mode, where it
 * is invalidated on variant events; a plain read otherwise).
 */
export async function courseTiers(req: MedusaStoreRequest, productId: string) {
  const plans = await productPlans(req, productId)
  if (!plans.length) return []
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph(
    { entity: "product_variant", fields: ["id", "title", "sku"], filters: { id: plans.map((p) => p.variant_id) } },
    { cache: { enable: true, computeAutomaticTags: true } }
  )
  const variants: VariantRow[] = data
  const byId = new Map(variants.map((v) => [v.id, v]))
  const tiers = new Map<number, { id: string; title: string; sku: string | null }[]>()
  for (const p of plans) {
    const v = byId.get(p.variant_id)
    if (!v) continue
    tiers.set(p.tier, [...(tiers.get(p.tier) ?? []), { id: v.id, title: v.title, sku: v.sku ?? null }])
  }
  return [...tiers.entries()].sort(([a], [b]) => a - b).map(([tier, variants]) => ({ tier, variants }))
}

/** Lesson fields the lesson route and the assessment routes read. */
const GATE_LESSON_FIELDS = ["id", "org_id", "title", "type", "body", "duration_seconds", "video_provider", "video_source", "attachments"]

/**
 * Runs the lesson gate for one placement of a course (`course` from findStoreCourse): the
 * placement's effective tier and drip come from the course's prepared outline (cached per
 * outline stamp; 404 when the placement is not in this course), then the lesson and the
 * caller's tier and enrollment.
 */
export async function gateLesson(req: MedusaStoreRequest, course: StoreCourse, placementId: string) {
  const service = courseService(req)
  const outline = await service.preparedOutline(course.id, course.outline_stamp)
  const placed = outline.placements.get(placementId)
  if (!placed) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${placementId}" was not found in this course`)
  }
  const [lesson, access] = await Promise.all([
    // findStoreCourse(…, { placementId }) read it in its own query already.
    course.placement_lesson !== undefined && placed.lesson_id === course.placement_lesson?.id
      ? course.placement_lesson
      : service.listLessons({ id: placed.lesson_id }, { take: 1, select: GATE_LESSON_FIELDS }).then(([l]): PlacementLesson | null => l ?? null),
    callerAccess(req, course),
  ])
  if (!lesson) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${placementId}" was not found in this course`)
  }
  const requiredTier = placed.required_tier
  const availableAt = dripAvailableAt(placed.drips, access.enrollment?.started_at ?? null)
  const decision = decideLessonAccess({
    course_status: course.status,
    is_preview: placed.is_preview,
    customer_id: access.customerId,
    customer_tier: access.tier,
    required_tier: requiredTier,
    available_at: availableAt,
  })
  const placement = { id: placed.id, lesson_id: placed.lesson_id, is_preview: placed.is_preview }
  return { placement, lesson, access, decision, requiredTier, availableAt }
}

/** Answers a refused gate in Medusa's error shape plus the contract's `code` fields. */
export async function sendGateRefusal(req: MedusaStoreRequest, res: MedusaResponse, course: { product_id: string }, decision: GateDecision) {
  if (decision.allowed) return
  if (decision.code === "not_found") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Lesson was not found")
  }
  if (decision.code === "auth_required") {
    res.status(401).json({ type: "unauthorized", code: "auth_required", message: "Log in to open this lesson" })
    return
  }
  if (decision.code === "tier_required") {
    const tiers = await courseTiers(req, course.product_id)
    res.status(403).json({
      type: "forbidden",
      code: "tier_required",
      message: `This lesson needs tier ${decision.required_tier}; you have tier ${decision.current_tier}`,
      required_tier: decision.required_tier,
      current_tier: decision.current_tier,
      unlock_variant_ids: tiers.filter((t) => t.tier >= decision.required_tier).flatMap((t) => t.variants.map((v) => v.id)),
    })
    return
  }
  res.status(403).json({
    type: "forbidden",
    code: "drip_locked",
    message: `This lesson opens on ${decision.available_at.toISOString()}`,
    available_at: decision.available_at.toISOString(),
  })
}

export { withTierDetails } from "../../rules/tier-details"
