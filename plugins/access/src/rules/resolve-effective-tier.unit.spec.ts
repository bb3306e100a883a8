import { resolveEffectiveTier } from "./resolve-effective-tier"

const now = new Date("2026-06-01T12:00:00Z")
const grant = (tier: number, over: Partial<{ status: string; starts_at: string; expires_at: string | null }> = {}) => ({
  tier,
  status: "active",
  starts_at: "2026-01-01T00:00:00Z",
  expires_at: null,
  ...over,
})

describe("resolveEffectiveTier", () => {
  it("is 0 without grants", () => {
    expect(resolveEffectiveTier([], now)).toBe(0)
  })

  it("takes the max over live grants", () => {
    expect(resolveEffectiveTier([grant(1), grant(3), grant(2)], now)).toBe(3)
  })

  it("ignores revoked, expired, not yet started and lapsed grants", () => {
    expect(
      resolveEffectiveTier(
        [
          grant(1),
          grant(3, { status: "revoked" }),
          grant(3, { status: "expired" }),
          grant(2, { starts_at: "2026-07-01T00:00:00Z" }),
          grant(2, { expires_at: "2026-06-01T12:00:00Z" }),
        ],
        now
      )
    ).toBe(1)
  })

  it("counts a grant until the instant it expires", () => {
    expect(resolveEffectiveTier([grant(2, { expires_at: "2026-06-01T12:00:01Z" })], now)).toBe(2)
  })
})
