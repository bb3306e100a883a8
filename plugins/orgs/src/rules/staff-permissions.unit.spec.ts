import {
  invitationNeedsApproval,
  inviteRefusal,
  removalRefusal,
  roleChangeRefusal,
  statusChangeRefusal,
} from "./staff-permissions"

describe("staff permissions", () => {
  it("lets owners, admins and managers invite up to their own role", () => {
    expect(inviteRefusal("owner", "owner")).toBeNull()
    expect(inviteRefusal("admin", "admin")).toBeNull()
    expect(inviteRefusal("admin", "owner")).toMatch(/cannot invite someone as owner/)
    expect(inviteRefusal("manager", "creator")).toBeNull()
    expect(inviteRefusal("manager", "admin")).toMatch(/cannot invite someone as admin/)
    expect(inviteRefusal("creator", "staff")).toMatch(/A creator cannot invite staff/)
    expect(inviteRefusal("staff", "staff")).toMatch(/A staff cannot invite staff/)
  })

  it("needs approval only for invitations by non-admins", () => {
    expect(invitationNeedsApproval("owner")).toBe(false)
    expect(invitationNeedsApproval("admin")).toBe(false)
    expect(invitationNeedsApproval("manager")).toBe(true)
  })

  it("keeps the last owner and reserves the owner role to owners", () => {
    expect(roleChangeRefusal("owner", "owner", "admin", 1)).toMatch(/at least one owner/)
    expect(roleChangeRefusal("owner", "owner", "admin", 2)).toBeNull()
    expect(roleChangeRefusal("admin", "staff", "owner", 1)).toMatch(/Only an owner/)
    expect(roleChangeRefusal("admin", "owner", "staff", 2)).toMatch(/Only an owner/)
    expect(roleChangeRefusal("admin", "staff", "manager", 1)).toBeNull()
    expect(roleChangeRefusal("manager", "staff", "creator", 1)).toMatch(/cannot change staff roles/)
  })

  it("never removes the last owner", () => {
    expect(removalRefusal("owner", "owner", 1)).toMatch(/at least one owner/)
    expect(removalRefusal("owner", "owner", 2)).toBeNull()
    expect(removalRefusal("admin", "owner", 2)).toMatch(/Only an owner/)
    expect(removalRefusal("admin", "creator", 1)).toBeNull()
    expect(removalRefusal("creator", "staff", 1)).toMatch(/cannot remove staff/)
  })

  it("nobody removes or deactivates themselves; the last owner is never deactivated (issue 22)", () => {
    expect(removalRefusal("owner", "owner", 2, true)).toBe("You cannot remove yourself from the org's staff; another owner or admin can")
    expect(removalRefusal("admin", "admin", 1, true)).toMatch(/cannot remove yourself/)
    // The last owner removing themselves hears the rule that cannot change.
    expect(removalRefusal("owner", "owner", 1, true)).toMatch(/at least one owner/)
    expect(statusChangeRefusal("owner", "owner", "active", "inactive", 1)).toMatch(/at least one owner/)
    expect(statusChangeRefusal("owner", "owner", "active", "inactive", 2, true)).toMatch(/cannot deactivate yourself/)
    expect(statusChangeRefusal("owner", "owner", "active", "inactive", 2)).toBeNull()
    expect(statusChangeRefusal("admin", "owner", "active", "inactive", 2)).toMatch(/Only an owner/)
    expect(statusChangeRefusal("owner", "owner", "inactive", "active", 1, true)).toBeNull()
  })
})
