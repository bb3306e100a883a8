import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"
import { dripAvailableAt } from "../../rules/drip-availability"
import { decideLessonAccess, effectiveRequiredTier, GateDecision } from "../../rules/lesson-gate"

const { resolveStoreOrg } = require("@volmify/orgs/api/utils/store-org") as {
  resolveStoreOrg(req: MedusaStoreRequest): Promise<{ id: string; handle: string }>
}

/** What the store shows of a course (never its outline rows or lesson content). */
export const STORE_COURSE_FIELDS = [
  "id", "handle", "title", "subtitle", "description", "level", "difficulty", "language",
  "thumbnail", "estimated_minutes", "product_id", "published_at",
]

export const courseService = (req: MedusaStoreRequest) => req.scope.resolve<CourseModuleService>(COURSE_MODULE)

/** The logged-in customer's id, or null (admin tokens do not count as customers). */
export function storeCustomerId(req: MedusaStoreRequest): string | null {
  const auth = (req as any).auth_context
  return auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null
}

/**
 * A published course of the key's org by id or handle. Drafts, archived courses and other
 * orgs' courses are all the same 404.
 */
export async function findStoreCourse(req: MedusaStoreRequest, idOrHandle: string) {
  const org = await resolveStoreOrg(req)
  const by = idOrHandle.startsWith("course_") ? { id: idOrHandle } : { handle: idOrHandle }
  const [course] = await courseService(req).listCourses(
    { ...by, org_id: org.id, status: "published" },
    { take: 1, select: [...STORE_COURSE_FIELDS, "status", "org_id"] }
  )
  if (!course) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${idOrHandle}" was not found`)
  }
  return course as any
}

/** The caller's tier for the course's product and their enrollment (two queries). */
export async function callerAccess(req: MedusaStoreRequest, course: { id: string; product_id: string }) {
  const customerId = storeCustomerId(req)
  if (!customerId) return { customerId, tier: 0, enrollment: null as any }
  const [tier, [enrollment]] = await Promise.all([
    req.scope.resolve<any>("access").getCustomerTier(customerId, course.product_id) as Promise<number>,
    courseService(req).listEnrollments(
      { customer_id: customerId, course_id: course.id },
      { take: 1, select: ["id", "started_at", "completed_at", "status"] }
    ),
  ])
  return { customerId, tier, enrollment: (enrollment as any) ?? null }
}

/** tier -> the variants granting it (from access plans), ascending. */
export async function courseTiers(req: MedusaStoreRequest, productId: string) {
  const plans = await req.scope.resolve<any>("access").listAccessPlans({ product_id: productId }, { select: ["variant_id", "tier"] })
  if (!plans.length) return []
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "sku"],
    filters: { id: plans.map((p: any) => p.variant_id) },
  })
  const byId = new Map(variants.map((v: any) => [v.id, v]))
  const tiers = new Map<number, { id: string; title: string; sku: string | null }[]>()
  for (const p of plans) {
    const v: any = byId.get(p.variant_id)
    if (!v) continue
    tiers.set(p.tier, [...(tiers.get(p.tier) ?? []), { id: v.id, title: v.title, sku: v.sku ?? null }])
  }
  return [...tiers.entries()].sort(([a], [b]) => a - b).map(([tier, variants]) => ({ tier, variants }))
}

/**
 * Runs the lesson gate for one placement of a course: the placement with its section
 * and module (404 when it is not in this course), the caller's tier and enrollment.
 */
export async function gateLesson(req: MedusaStoreRequest, course: any, placementId: string) {
  const service = courseService(req)
  const [placement] = await service.listSectionLessons(
    { id: placementId, course_id: course.id },
    { take: 1, relations: ["section", "section.module", "lesson"] }
  )
  if (!placement) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${placementId}" was not found in this course`)
  }
  const p: any = placement
  const access = await callerAccess(req, course)
  const requiredTier = effectiveRequiredTier(p.section.module.required_tier, p.section.required_tier, p.required_tier)
  const availableAt = dripAvailableAt([p.section.module, p.section, p], access.enrollment?.started_at ?? null)
  const decision = decideLessonAccess({
    course_status: course.status,
    is_preview: p.is_preview,
    customer_id: access.customerId,
    customer_tier: access.tier,
    required_tier: requiredTier,
    available_at: availableAt,
  })
  return { placement: p, lesson: p.lesson, access, decision, requiredTier, availableAt }
}

/** Answers a refused gate in Medusa's error shape plus the contract's `code` fields. */
export async function sendGateRefusal(req: MedusaStoreRequest, res: MedusaResponse, course: any, decision: GateDecision) {
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
