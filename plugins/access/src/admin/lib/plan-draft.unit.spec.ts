import { describePlan, draftOf, planBody, sameAsPlan, type AccessPlan } from "./plan-draft"

const plan = (p: Partial<AccessPlan>): AccessPlan => ({
  id: "aplan_1", variant_id: "variant_1", tier: 1, duration_days: null, billing: "one_time", interval: null,
  interval_count: null, trial_days: 0, max_payments: null, scope: "course", ...p,
})

describe("planBody", () => {
  it("posts one-time plans with days of access (empty = lifetime) and removes a plan without a tier", () => {
    expect(planBody({ ...draftOf(), tier: "2", duration: "365" })).toEqual({ body: { tier: 2, billing: "one_time", duration_days: 365 } })
    expect(planBody({ ...draftOf(), tier: "1" })).toEqual({ body: { tier: 1, billing: "one_time", duration_days: null } })
    expect(planBody({ ...draftOf(plan({})), tier: "" })).toEqual({ body: null })
  })

  it("posts subscription terms: interval, count, trial, installments, scope", () => {
    const d = { ...draftOf(), tier: "1", billing: "subscription" as const, interval: "week" as const, interval_count: "2", trial_days: "7", max_payments: "6", scope: "org" as const }
    expect(planBody(d)).toEqual({
      body: { tier: 1, billing: "subscription", interval: "week", interval_count: 2, trial_days: 7, max_payments: 6, scope: "org" },
    })
    expect(planBody({ ...d, max_payments: "" })).toMatchObject({ body: { max_payments: null } })
  })

  it("names the field of a bad value", () => {
    const sub = { ...draftOf(), tier: "1", billing: "subscription" as const }
    expect(planBody({ ...draftOf(), tier: "x" })).toEqual({ problem: expect.stringContaining("Tier") })
    expect(planBody({ ...draftOf(), tier: "1", duration: "0" })).toEqual({ problem: expect.stringContaining("Days of access") })
    expect(planBody({ ...sub, interval_count: "37" })).toEqual({ problem: expect.stringContaining("Every") })
    expect(planBody({ ...sub, trial_days: "-1" })).toEqual({ problem: expect.stringContaining("Trial days") })
    expect(planBody({ ...sub, max_payments: "1.5" })).toEqual({ problem: expect.stringContaining("Payments") })
  })
})

describe("sameAsPlan and describePlan", () => {
  it("compares a draft with the saved plan", () => {
    const saved = plan({ billing: "subscription", interval: "month", interval_count: 1, trial_days: 7 })
    expect(sameAsPlan(draftOf(saved), saved)).toBe(true)
    expect(sameAsPlan({ ...draftOf(saved), trial_days: "14" }, saved)).toBe(false)
    expect(sameAsPlan(draftOf(), null)).toBe(true)
  })
  it("describes terms", () => {
    expect(describePlan(plan({ duration_days: 30 }))).toBe("one-time, 30 days")
    expect(describePlan(plan({ billing: "subscription", interval: "month", interval_count: 3, trial_days: 7, max_payments: 6, scope: "org" }))).toBe(
      "every 3 months, 7-day trial, 6 payments, all courses of the org"
    )
    expect(describePlan(plan({ billing: "subscription", interval: "year", interval_count: 1 }))).toBe("every year")
  })
})
