import { ACTIONS, attributionRuleDecision, decide, EMPLOYEE_ROLES, needsAttribution, ROLE_MATRIX, rolesFor } from "./roles"
import { ALLOWLIST } from "../api/admin-scope/allowlist"
import { ACCESS_ROLES } from "../api/admin-scope/types"

describe("role matrix", () => {
  it("gives every action to owners and admins, and only reads to staff", () => {
    for (const action of ACTIONS) {
      expect(decide("owner", action, { attributed: false }).allowed).toBe(true)
      expect(decide("admin", action, { attributed: false }).allowed).toBe(true)
      expect(decide("staff", action).allowed).toBe(action === "org.read")
    }
  })

  it("lets a creator edit only the products they are attributed on", () => {
    expect(decide("creator", "catalog.edit", { attributed: false })).toEqual({
      allowed: false,
      reason: "A creator may only change products they are attributed on",
    })
    expect(decide("creator", "catalog.edit", { attributed: true }).allowed).toBe(true)
    expect(decide("creator", "catalog.create").allowed).toBe(true)
    expect(needsAttribution("creator", "catalog.edit")).toBe(true)
    expect(needsAttribution("manager", "catalog.edit")).toBe(false)
    expect(decide("manager", "catalog.edit", { attributed: false }).allowed).toBe(true)
  })

  it("keeps commerce, staff and money decisions away from creators", () => {
    for (const action of ["commerce.manage", "staff.invite", "staff.manage", "attribution.manage", "earnings.org", "affiliates.read"] as const) {
      const d = decide("creator", action)
      expect(d.allowed).toBe(false)
      expect(d.allowed === false && d.reason).toMatch(new RegExp(`${action.replace(".", "\\.")} needs one of the roles .*; you are creator`))
    }
  })

  it("needs an owner or admin for an attribution rule that pays the actor", () => {
    expect(attributionRuleDecision("manager", { paysActor: false }).allowed).toBe(true)
    const self = attributionRuleDecision("manager", { paysActor: true })
    expect(self.allowed).toBe(false)
    expect(self.allowed === false && self.reason).toMatch(/needs an owner's or admin's approval/)
    expect(attributionRuleDecision("admin", { paysActor: true }).allowed).toBe(true)
    expect(attributionRuleDecision("owner", { paysActor: true }).allowed).toBe(true)
    expect(attributionRuleDecision("creator", { paysActor: false }).allowed).toBe(false)
    expect(attributionRuleDecision("creator", { paysActor: true }).allowed).toBe(false)
  })

  it("names only known roles, in rank order", () => {
    for (const action of ACTIONS) {
      for (const role of Object.keys(ROLE_MATRIX[action])) {
        expect(EMPLOYEE_ROLES).toContain(role)
      }
    }
    expect(rolesFor("staff.manage")).toEqual(["owner", "admin"])
    expect(rolesFor("catalog.edit")).toEqual(["owner", "admin", "manager", "creator"])
  })

  it("is what the admin gate's access tiers are made of", () => {
    expect(ACCESS_ROLES.read).toEqual(rolesFor("org.read"))
    expect(ACCESS_ROLES.catalog).toEqual(rolesFor("catalog.edit"))
    expect(ACCESS_ROLES.commerce).toEqual(rolesFor("commerce.manage"))
  })

  it("has every write row of the allowlist declare the shared ids its body may carry", () => {
    const writes = ALLOWLIST.filter((r) => r.method !== "GET")
    expect(writes.length).toBeGreaterThan(25)
    expect(writes.filter((r) => !Array.isArray(r.bodyIds)).map((r) => `${r.method} ${r.path}`)).toEqual([])
  })
})
