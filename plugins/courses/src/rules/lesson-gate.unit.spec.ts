import { decideLessonAccess, effectiveRequiredTier, GateInput, lockReason } from "./lesson-gate"

const now = new Date("2026-01-10T12:00:00Z")
const base: GateInput = {
  course_status: "published",
  is_preview: false,
  customer_id: "cus_1",
  customer_tier: 2,
  required_tier: 2,
  available_at: null,
  now,
}
const later = new Date("2026-01-11T00:00:00Z")

describe("effectiveRequiredTier", () => {
  it("is the max of module, section and placement tiers, at least 1", () => {
    expect(effectiveRequiredTier(1, 3, 2)).toBe(3)
    expect(effectiveRequiredTier(2, 1, 1)).toBe(2)
    expect(effectiveRequiredTier(1, 1, 3)).toBe(3)
    expect(effectiveRequiredTier()).toBe(1)
    expect(effectiveRequiredTier(null, undefined, 0)).toBe(1)
  })
})

describe("decideLessonAccess (gate order: first failing wins)", () => {
  it("allows a customer with the tier and a released drip", () => {
    expect(decideLessonAccess(base)).toEqual({ allowed: true })
    expect(decideLessonAccess({ ...base, available_at: now })).toEqual({ allowed: true })
  })

  it("an unpublished course is 404 before anything else, even for a preview", () => {
    for (const status of ["draft", "archived"]) {
      expect(decideLessonAccess({ ...base, course_status: status, is_preview: true })).toMatchObject({ status: 404 })
      expect(decideLessonAccess({ ...base, course_status: status, customer_id: null })).toMatchObject({ status: 404 })
    }
  })

  it("a preview is open to anyone, whatever tier or drip", () => {
    expect(decideLessonAccess({ ...base, is_preview: true, customer_id: null, customer_tier: 0, required_tier: 3, available_at: later })).toEqual({
      allowed: true,
    })
  })

  it("anonymous is 401 before the tier and drip checks", () => {
    expect(decideLessonAccess({ ...base, customer_id: null, customer_tier: 0, available_at: later })).toEqual({
      allowed: false,
      status: 401,
      code: "auth_required",
    })
  })

  it("too low a tier is 403 tier_required with both tiers, before drip", () => {
    expect(decideLessonAccess({ ...base, customer_tier: 1, required_tier: 3, available_at: later })).toEqual({
      allowed: false,
      status: 403,
      code: "tier_required",
      required_tier: 3,
      current_tier: 1,
    })
    expect(decideLessonAccess({ ...base, customer_tier: 0, required_tier: 1 })).toMatchObject({ code: "tier_required", current_tier: 0 })
  })

  it("an unreleased drip is 403 drip_locked with the release moment", () => {
    expect(decideLessonAccess({ ...base, available_at: later })).toEqual({
      allowed: false,
      status: 403,
      code: "drip_locked",
      available_at: later,
    })
  })

  it("maps decisions to outline lock reasons", () => {
    expect(lockReason(decideLessonAccess(base))).toBeNull()
    expect(lockReason(decideLessonAccess({ ...base, customer_id: null }))).toBe("auth")
    expect(lockReason(decideLessonAccess({ ...base, customer_tier: 1 }))).toBe("tier")
    expect(lockReason(decideLessonAccess({ ...base, available_at: later }))).toBe("drip")
  })
})
