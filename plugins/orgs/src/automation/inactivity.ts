import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import { inactivityCutoff, inactivityEpisode } from "../rules/opt-in-token"

type EnrollmentRow = { id: string; customer_id: string; course_id: string; org_id: string; last_activity_at: Date | string }

export type InactivityResult = { sequences: number; scanned: number; enrolled: number }

/**
 * "No lesson opened for N days": enrolls every student of the org's active `no_lesson_opened`
 * sequences whose last activity (@volmify/courses' `enrollment.last_activity_at`, updated
 * when a lesson is opened; read through Query by name: orgs does not import courses) is
 * older than N days at `now`. A course-bound sequence looks at that course's enrollment; an
 * "any course" one at the student's latest activity over all of the org's courses. Pages
 * of `batch` enrollments over the (org|course, last_activity_at) indexes. One run per
 * (sequence, customer, episode) where the episode is the last activity it follows: the
 * same quiet spell enrolls once, however often (or in how many workers) this runs, and a
 * lesson opened afterwards re-arms it.
 */
export async function enrollInactiveStudents(
  container: MedusaContainer,
  { now = new Date(), batch = 500 }: { now?: Date; batch?: number } = {}
): Promise<InactivityResult> {
  const automations = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const sequences = await automations.listAutomationSequences(
    { trigger_type: "no_lesson_opened", status: "active" },
    { select: ["id", "org_id", "trigger_ref", "trigger_days"] }
  )
  const result: InactivityResult = { sequences: sequences.length, scanned: 0, enrolled: 0 }
  for (const sequence of sequences) {
    const days = sequence.trigger_days ?? 0
    if (!(days > 0)) continue
    const cutoff = inactivityCutoff(now, days)
    for (let skip = 0; ; skip += batch) {
      const { data } = await query.graph({
        entity: "enrollment",
        fields: ["id", "customer_id", "course_id", "org_id", "last_activity_at"],
        filters: {
          org_id: sequence.org_id,
          ...(sequence.trigger_ref ? { course_id: sequence.trigger_ref } : {}),
          status: "active",
          last_activity_at: { $lt: cutoff },
        },
        pagination: { skip, take: batch, order: { id: "ASC" } },
      })
      const stale = data as EnrollmentRow[]
      result.scanned += stale.length
      if (stale.length) result.enrolled += await enrollPage(container, sequence, stale, cutoff, now)
      if (stale.length < batch) break
    }
  }
  return result
}

/** One page of stale enrollments -> the runs of one sequence (each once per episode). */
async function enrollPage(
  container: MedusaContainer,
  sequence: { id: string; org_id: string; trigger_ref: string | null },
  stale: EnrollmentRow[],
  cutoff: Date,
  now: Date
): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // Each customer's latest activity and the course it was in.
  const latest = new Map<string, { at: Date; course_id: string }>()
  const consider = (e: EnrollmentRow) => {
    const at = new Date(e.last_activity_at)
    const seen = latest.get(e.customer_id)
    if (!seen || at > seen.at) latest.set(e.customer_id, { at, course_id: e.course_id })
  }
  if (sequence.trigger_ref) {
    stale.forEach(consider)
  } else {
    // Any course of the org: a student active in another of its courses is not inactive.
    const { data: all } = await query.graph({
      entity: "enrollment",
      fields: ["id", "customer_id", "course_id", "org_id", "last_activity_at"],
      filters: { org_id: sequence.org_id, customer_id: [...new Set(stale.map((e) => e.customer_id))] },
    })
    ;(all as EnrollmentRow[]).filter((e) => e.last_activity_at).forEach(consider)
    for (const [customerId, l] of latest) if (l.at >= cutoff) latest.delete(customerId)
  }
  if (!latest.size) return 0
  const [customers, { data: courses }] = await Promise.all([
    container.resolve(Modules.CUSTOMER).listCustomers({ id: [...latest.keys()] }, { select: ["id", "email"] }),
    query.graph({ entity: "course", fields: ["id", "title", "handle"], filters: { id: [...new Set([...latest.values()].map((l) => l.course_id))] } }),
  ])
  const courseById = new Map((courses as { id: string; title: string; handle: string }[]).map((c) => [c.id, c]))
  const runs = customers
    .filter((c) => c.email)
    .map((c) => {
      const l = latest.get(c.id)!
      const course = courseById.get(l.course_id)
      return {
        org_id: sequence.org_id,
        sequence_id: sequence.id,
        customer_id: c.id,
        email: c.email!.toLowerCase(),
        episode: inactivityEpisode(l.at),
        due_at: now,
        context: { course_title: course?.title, course_handle: course?.handle, last_activity_at: l.at.toISOString() },
      }
    })
  const created = await container.resolve<AutomationModuleService>(AUTOMATION_MODULE).createRunsIfMissing(runs)
  return created.length
}
