/** What the product page's access-plan row edits, as typed strings, and the body it posts. */

export type AccessPlan = {
  id: string
  variant_id: string
  tier: number
  duration_days: number | null
  billing: "one_time" | "subscription"
  interval: "week" | "month" | "year" | null
  interval_count: number | null
  trial_days: number
  max_payments: number | null
  scope: "course" | "org"
}

export type PlanDraft = {
  tier: string
  duration: string
  billing: "one_time" | "subscription"
  interval: "week" | "month" | "year"
  interval_count: string
  trial_days: string
  max_payments: string
  scope: "course" | "org"
}

export function draftOf(plan?: AccessPlan | null): PlanDraft {
  return {
    tier: plan ? String(plan.tier) : "",
    duration: plan?.duration_days ? String(plan.duration_days) : "",
    billing: plan?.billing ?? "one_time",
    interval: plan?.interval ?? "month",
    interval_count: String(plan?.interval_count ?? 1),
    trial_days: String(plan?.trial_days ?? 0),
    max_payments: plan?.max_payments ? String(plan.max_payments) : "",
    scope: plan?.scope ?? "course",
  }
}

/** "" -> null; a whole number in [min, max] -> it; anything else -> undefined (invalid). */
const whole = (s: string, min: number, max: number): number | null | undefined => {
  if (s.trim() === "") return null
  const n = Number(s)
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined
}

export type PlanBody = Record<string, unknown>

/**
 * The POST body of a draft, `null` when the draft removes the plan (no tier), or a problem
 * to show. Limits are the route's (AdminSetAccessPlanSchema).
 */
export function planBody(d: PlanDraft): { body: PlanBody | null } | { problem: string } {
  const tier = whole(d.tier, 1, 1_000)
  if (tier === undefined) return { problem: "Tier: a whole number from 1" }
  if (tier === null) return { body: null }
  if (d.billing === "one_time") {
    const duration = whole(d.duration, 1, 100_000)
    if (duration === undefined) return { problem: "Days of access: a whole number from 1, or empty for lifetime" }
    return { body: { tier, billing: "one_time", duration_days: duration } }
  }
  const count = whole(d.interval_count, 1, 36)
  if (count === undefined || count === null) return { problem: "Every: a whole number of intervals from 1 to 36" }
  const trial = whole(d.trial_days, 0, 365)
  if (trial === undefined) return { problem: "Trial days: a whole number from 0 to 365" }
  const payments = whole(d.max_payments, 1, 120)
  if (payments === undefined) return { problem: "Payments: a whole number from 1 to 120, or empty until canceled" }
  return {
    body: { tier, billing: "subscription", interval: d.interval, interval_count: count, trial_days: trial ?? 0, max_payments: payments, scope: d.scope },
  }
}

/** Whether the draft says what the saved plan already says. */
export function sameAsPlan(d: PlanDraft, plan?: AccessPlan | null): boolean {
  const a = planBody(d)
  const b = planBody(draftOf(plan))
  return JSON.stringify("body" in a ? a.body : a) === JSON.stringify(plan ? ("body" in b ? b.body : b) : null)
}

/** "every 3 months, 7-day trial, 6 payments, all courses of the org" */
export function describePlan(plan: AccessPlan): string {
  if (plan.billing !== "subscription") return plan.duration_days ? `one-time, ${plan.duration_days} days` : "one-time, lifetime"
  const n = plan.interval_count ?? 1
  const parts = [n === 1 ? `every ${plan.interval}` : `every ${n} ${plan.interval}s`]
  if (plan.trial_days) parts.push(`${plan.trial_days}-day trial`)
  if (plan.max_payments) parts.push(`${plan.max_payments} payments`)
  if (plan.scope === "org") parts.push("all courses of the org")
  return parts.join(", ")
}
