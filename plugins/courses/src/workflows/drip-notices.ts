import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { COURSE_MODULE } from "../modules/course"
import { sendEmail } from "../utils/org-email"
import type CourseModuleService from "../modules/course/service"
import type { FilterableNotificationProps, NotificationDTO } from "@medusajs/framework/types"
import type { AccessModuleService } from "@volmify/access/modules/access"
import type { CustomerRow } from "../types/rows"
import { DueNotice, dueDripNotices, NoticePlacement } from "../rules/drip-notices"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

/** Template id of the "a lesson is now open" notification (channel `email`). */
export const DRIP_NOTICE_TEMPLATE = "course-lesson-available"

export type SendDripNoticesInput = { now?: Date; course_ids?: string[] }
type Due = DueNotice & { course_id: string; course_title: string; course_handle: string; org_id: string }

/** Every notice due now over published courses that drip (reads only). */
export const findDueDripNoticesStep = createStep("find-due-drip-notices", async (input: SendDripNoticesInput, { container }) => {
  const service = courses(container)
  const now = input.now ? new Date(input.now) : new Date()
  const list = await service.listCourses(
    { status: "published", ...(input.course_ids ? { id: input.course_ids } : {}) },
    { select: ["id", "title", "handle", "product_id", "org_id"] }
  )
  const due: Due[] = []
  for (const course of list) {
    const rows = await service.readOutlineRows(course.id)
    const modules = new Map(rows.modules.map((m) => [m.id, m]))
    const sections = new Map(rows.sections.map((s) => [s.id, s]))
    const titles = new Map(rows.lessons.map((l) => [l.id, l.title]))
    const placements: NoticePlacement[] = rows.placements.flatMap((p) => {
      const section = sections.get(p.section_id)
      const mod = section && modules.get(section.module_id)
      if (!section || !mod) return []
      return [{ id: p.id, title: titles.get(p.lesson_id) ?? "", is_preview: p.is_preview, levels: [mod, section, p] }]
    })
    const dripping = placements.filter((p) => p.levels.some((l) => (l.drip_days ?? 0) > 0 || l.drip_date))
    if (!dripping.length) continue
    const enrollments = await service.listEnrollments({ course_id: course.id, status: "active" }, { select: ["id", "customer_id", "started_at"] })
    if (!enrollments.length) continue
    const [sent, tiers] = await Promise.all([
      service.listDripNotices({ enrollment_id: enrollments.map((e) => e.id) }, { select: ["enrollment_id", "placement_id"] }),
      Promise.all(enrollments.map((e) => container.resolve<AccessModuleService>("access").getCustomerTier(e.customer_id, course.product_id))),
    ])
    const already = new Set(sent.map((n) => `${n.enrollment_id}:${n.placement_id}`))
    const withTiers = enrollments.map((e, i) => ({ id: e.id, customer_id: e.customer_id, started_at: e.started_at, tier: tiers[i] }))
    for (const d of dueDripNotices(dripping, withTiers, already, now)) {
      due.push({ ...d, course_id: course.id, course_title: course.title, course_handle: course.handle, org_id: course.org_id })
    }
  }
  return new StepResponse(due)
})

/**
 * Claims a notice row per due notice; the unique (enrollment, placement) index lets only
 * one concurrent run claim each. Compensation releases the claims (so a failed send is
 * retried by the next run).
 */
export const claimDripNoticesStep = createStep(
  "claim-drip-notices",
  async (due: Due[], { container }) => {
    const service = courses(container)
    const claimed: (Due & { notice_id: string })[] = []
    for (const d of due) {
      try {
        const [row] = await service.createDripNotices([
          { enrollment_id: d.enrollment_id, placement_id: d.placement_id, customer_id: d.customer_id, available_at: d.available_at },
        ])
        claimed.push({ ...d, notice_id: row.id })
      } catch (error) {
        // Another run claimed it first (unique index): that run sends it.
        if (!/unique|already exists|duplicate/i.test(error instanceof Error ? error.message : String(error))) throw error
      }
    }
    return new StepResponse(claimed, claimed.map((c) => c.notice_id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await courses(container).deleteDripNotices(ids)
  }
)

/** Sends the claimed notices through Medusa's notification module (channel `email`) and records their ids. */
export const sendDripNotificationsStep = createStep(
  "send-drip-notifications",
  async (claimed: (Due & { notice_id: string })[], { container }) => {
    if (!claimed.length) return new StepResponse([] as string[])
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name"],
      filters: { id: [...new Set(claimed.map((c) => c.customer_id))] },
    })
    const byId = new Map((customers as CustomerRow[]).map((c) => [c.id, c]))
    const sendable = claimed.filter((c) => byId.get(c.customer_id)?.email)
    // Rendered in the org's brand and sent once per key by @volmify/orgs/email.
    const sentNow = new Set<string>()
    for (const c of sendable) {
      // Sendable: the customer was read and has an email.
      const customer = byId.get(c.customer_id)!
      const sent = await sendEmail(container, {
        org_id: c.org_id,
        to: customer.email!,
        template: DRIP_NOTICE_TEMPLATE,
        receiver_id: c.customer_id,
        resource: { type: "course_placement", id: c.placement_id },
        idempotency_key: `drip-notice:${c.enrollment_id}:${c.placement_id}`,
        data: (brand: { storefront_url: string }) => ({
          first_name: customer.first_name ?? null,
          course_title: c.course_title,
          lesson_title: c.title,
          url: `${brand.storefront_url}/courses/${encodeURIComponent(c.course_handle)}/lessons/${encodeURIComponent(c.placement_id)}`,
        }),
        record: {
          course_id: c.course_id,
          course_title: c.course_title,
          course_handle: c.course_handle,
          placement_id: c.placement_id,
          lesson_title: c.title,
          available_at: new Date(c.available_at).toISOString(),
        },
      })
      if (sent) sentNow.add(`drip-notice:${c.enrollment_id}:${c.placement_id}`)
    }
    // A notice whose key was already used (a retried run) is not sent again: link the existing one.
    const keyOf = (c: Due) => `drip-notice:${c.enrollment_id}:${c.placement_id}`
    // Medusa's notification filter and DTO types leave out idempotency_key, a column of the model.
    const byKeys: FilterableNotificationProps & { idempotency_key: string[] } = { idempotency_key: sendable.map(keyOf) }
    const existing: (NotificationDTO & { idempotency_key?: string | null })[] = sendable.length
      ? await container.resolve(Modules.NOTIFICATION).listNotifications(byKeys, { select: ["id", "idempotency_key"] })
      : []
    const byKey = new Map(existing.map((n) => [n.idempotency_key, n.id]))
    await courses(container).updateDripNotices(sendable.map((c) => ({ id: c.notice_id, notification_id: byKey.get(keyOf(c)) ?? null })))
    return new StepResponse(sendable.filter((c) => sentNow.has(keyOf(c))).map((c) => byKey.get(keyOf(c)) as string))
  }
)

/**
 * Started by the `send-drip-notices` job: tells each student once when a drip-locked lesson
 * of theirs has opened.
 */
export const sendDripNoticesWorkflow = createWorkflow("send-drip-notices", (input: SendDripNoticesInput) => {
  const due = findDueDripNoticesStep(input)
  const claimed = claimDripNoticesStep(due)
  const sent = sendDripNotificationsStep(claimed)
  return new WorkflowResponse(transform({ claimed, sent }, ({ claimed, sent }) => ({ claimed: claimed.length, sent: sent.length })))
})
