import { deriveOptInKey, inactivityCutoff, inactivityEpisode, signOptInToken, verifyOptInToken } from "./opt-in-token"

describe("double opt-in tokens", () => {
  const key = deriveOptInKey("secret")
  const token = signOptInToken(key, "org_1", "mopt_1")

  it("verifies what it signed", () => {
    expect(verifyOptInToken(key, token)).toEqual({ org_id: "org_1", opt_in_id: "mopt_1" })
  })

  it("refuses altered, foreign-key, malformed and non-string tokens", () => {
    expect(verifyOptInToken(key, token.replace("mopt_1", "mopt_2"))).toBeNull()
    expect(verifyOptInToken(key, token.replace("org_1", "org_2"))).toBeNull()
    expect(verifyOptInToken(deriveOptInKey("other"), token)).toBeNull()
    expect(verifyOptInToken(key, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeNull()
    expect(verifyOptInToken(key, "v1.org_1.mopt_1")).toBeNull()
    expect(verifyOptInToken(key, 42)).toBeNull()
    expect(verifyOptInToken(key, "x".repeat(500))).toBeNull()
  })

  it("uses a key of its own, not the unsubscribe key", () => {
    expect(deriveOptInKey("secret").equals(require("./automation").deriveUnsubscribeKey("secret"))).toBe(false)
  })
})

describe("inactivity episodes", () => {
  it("cuts off N days before now and names an episode by the last activity", () => {
    const now = new Date("2026-12-10T12:00:00.000Z")
    expect(inactivityCutoff(now, 7).toISOString()).toBe("2026-12-03T12:00:00.000Z")
    const a = inactivityEpisode(new Date("2026-12-01T00:00:00.000Z"))
    expect(a).toBe(inactivityEpisode(new Date("2026-12-01T00:00:00.000Z")))
    expect(a).not.toBe(inactivityEpisode(new Date("2026-12-01T00:00:01.000Z")))
  })
})
