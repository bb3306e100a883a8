import type { EmployeeRole } from "../types"

/**
 * Who may do what to an org's staff. One file, pure, unit-tested (staff-permissions.unit.spec.ts).
 *
 * - owners and admins manage staff and invitations; managers may invite, and their
 *   invitations wait for an owner/admin's approval; creators and staff only read;
 * - nobody grants a role above their own; only owners grant or take away `owner`;
 * - an org never loses its last owner (removed, demoted or deactivated);
 * - nobody removes or deactivates themselves from the staff page: another owner or admin
 *   does it (an owner clicking "Remove" on their own row locked themselves out).
 */
export const ROLE_RANK: Record<EmployeeRole, number> = {
  owner: 5,
  admin: 4,
  manager: 3,
  creator: 2,
  staff: 1,
}

export const isOrgAdminRole = (role: EmployeeRole) => ROLE_RANK[role] >= ROLE_RANK.admin

/** Why `inviter` may not invite someone as `role`, or null when allowed. */
export function inviteRefusal(inviter: EmployeeRole, role: EmployeeRole): string | null {
  if (ROLE_RANK[inviter] < ROLE_RANK.manager) {
    return `A ${inviter} cannot invite staff; ask an owner, admin or manager`
  }
  if (ROLE_RANK[role] > ROLE_RANK[inviter]) {
    return `A ${inviter} cannot invite someone as ${role}`
  }
  return null
}

/** Invitations by managers wait for an owner or admin. */
export const invitationNeedsApproval = (inviter: EmployeeRole) => !isOrgAdminRole(inviter)

/**
 * Why `actor` may not change an employee from `from` to `to`, or null when allowed.
 * `owners` is the org's current number of active owners.
 */
export function roleChangeRefusal(
  actor: EmployeeRole,
  from: EmployeeRole,
  to: EmployeeRole,
  owners: number
): string | null {
  if (!isOrgAdminRole(actor)) {
    return `A ${actor} cannot change staff roles`
  }
  if ((from === "owner" || to === "owner") && actor !== "owner") {
    return "Only an owner can grant or remove the owner role"
  }
  if (ROLE_RANK[from] > ROLE_RANK[actor]) {
    return `A ${actor} cannot change the role of a ${from}`
  }
  if (from === "owner" && to !== "owner" && owners <= 1) {
    return "The org must keep at least one owner"
  }
  return null
}

export const SELF_REMOVAL_REFUSAL = "You cannot remove yourself from the org's staff; another owner or admin can"

/**
 * Why `actor` may not remove an employee with `role`, or null when allowed. `self`: the
 * employee is the acting user.
 */
export function removalRefusal(actor: EmployeeRole, role: EmployeeRole, owners: number, self = false): string | null {
  if (!isOrgAdminRole(actor)) {
    return `A ${actor} cannot remove staff`
  }
  if (role === "owner" && actor !== "owner") {
    return "Only an owner can remove an owner"
  }
  if (role === "owner" && owners <= 1) {
    return "The org must keep at least one owner"
  }
  if (self) {
    return SELF_REMOVAL_REFUSAL
  }
  return null
}

/**
 * Why `actor` may not set an employee (`role`, now `from`) to `to`, or null when allowed:
 * deactivating is a removal that can be undone, under the same rules.
 */
export function statusChangeRefusal(
  actor: EmployeeRole,
  role: EmployeeRole,
  from: "active" | "inactive",
  to: "active" | "inactive",
  owners: number,
  self = false
): string | null {
  if (from === to || to === "active") return null
  const refusal = removalRefusal(actor, role, owners, self)
  return refusal === SELF_REMOVAL_REFUSAL ? "You cannot deactivate yourself; another owner or admin can" : refusal
}
