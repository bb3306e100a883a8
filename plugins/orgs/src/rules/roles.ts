/**
 * The role matrix: the one place where staff roles and what each may do live. Every
 * plugin imports it (`@volmify/orgs/rules`); the gate, the routes and the workflows ask
 * it instead of keeping their own lists. Pure, unit-tested in roles.unit.spec.ts, and
 * written out as a table in ARCHITECTURE.md ("Roles").
 */
export const EMPLOYEE_ROLES = ["owner", "admin", "manager", "creator", "staff"] as const
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number]

export type Action =
  /** Read the org's admin data (products, orders, customers, courses, ...). */
  | "org.read"
  /** Create products and courses, upload files. */
  | "catalog.create"
  /** Edit or delete a product (variants, prices, options, images, inventory) or course. */
  | "catalog.edit"
  /** Orders, promotions, price lists. */
  | "commerce.manage"
  /** Invite staff (a manager's invitation waits for an owner's or admin's approval). */
  | "staff.invite"
  /** Approve invitations, change roles, remove staff, org settings and keys. */
  | "staff.manage"
  /** Set attribution rules (revenue shares) for other employees, record payouts. */
  | "attribution.manage"
  /** Set an attribution rule that pays the acting employee themselves. */
  | "attribution.self"
  /** Every employee's earnings, the org's revenue and payouts. */
  | "earnings.org"
  /** See affiliates, commissions and payouts. */
  | "affiliates.read"
  /** Program settings, affiliate status and rates, commission reviews, payouts. */
  | "affiliates.manage"

/**
 * Who may do what. `"attributed"` = only on products the employee is attributed on (an
 * attribution rule of theirs on the product, in effect now or later).
 */
type Grant = true | "attributed"
export const ROLE_MATRIX: Record<Action, Partial<Record<EmployeeRole, Grant>>> = {
  "org.read": { owner: true, admin: true, manager: true, creator: true, staff: true },
  "catalog.create": { owner: true, admin: true, manager: true, creator: true },
  "catalog.edit": { owner: true, admin: true, manager: true, creator: "attributed" },
  "commerce.manage": { owner: true, admin: true, manager: true },
  "staff.invite": { owner: true, admin: true, manager: true },
  "staff.manage": { owner: true, admin: true },
  "attribution.manage": { owner: true, admin: true, manager: true },
  "attribution.self": { owner: true, admin: true },
  "earnings.org": { owner: true, admin: true },
  "affiliates.read": { owner: true, admin: true, manager: true },
  "affiliates.manage": { owner: true, admin: true },
}

export const ACTIONS = Object.keys(ROLE_MATRIX) as Action[]

/** The roles that may do `action` at all (on some object; see `decide` for which). */
export const rolesFor = (action: Action): EmployeeRole[] =>
  EMPLOYEE_ROLES.filter((role) => ROLE_MATRIX[action][role] !== undefined)

export type Decision = { allowed: true } | { allowed: false; reason: string }

export type DecisionContext = {
  /** For `catalog.edit`: is the employee attributed on the product? */
  attributed?: boolean
}

/** Whether `role` may do `action`, and why not. */
export function decide(role: EmployeeRole, action: Action, ctx: DecisionContext = {}): Decision {
  const grant = ROLE_MATRIX[action][role]
  if (grant === true) {
    return { allowed: true }
  }
  if (grant === "attributed") {
    return ctx.attributed
      ? { allowed: true }
      : { allowed: false, reason: `A ${role} may only change products they are attributed on` }
  }
  const who = rolesFor(action).join(", ")
  return { allowed: false, reason: `${action} needs one of the roles ${who}; you are ${role}` }
}

/** Whether `decide` depends on the product (so the caller must look up attribution). */
export const needsAttribution = (role: EmployeeRole, action: Action) => ROLE_MATRIX[action][role] === "attributed"

/**
 * Attribution rules: managing them is `attribution.manage`; a rule that pays the acting
 * employee also needs `attribution.self`, so it is an owner's or admin's decision (a
 * manager asks one of them to set it).
 */
export function attributionRuleDecision(
  role: EmployeeRole,
  { paysActor }: { paysActor: boolean }
): Decision {
  const manage = decide(role, "attribution.manage")
  if (!manage.allowed || !paysActor) {
    return manage
  }
  const self = decide(role, "attribution.self")
  return self.allowed
    ? self
    : {
        allowed: false,
        reason: `A rule that pays you needs an owner's or admin's approval: ask one of them to set it (you are ${role})`,
      }
}

/**
 * Named role sets for route guards (`requireOrgScope(CATALOG_ROLES)`), all derived from
 * the matrix above: every role of an org, and who may do each kind of write.
 */
export const STAFF_ROLES: readonly EmployeeRole[] = rolesFor("org.read")
export const CATALOG_ROLES: readonly EmployeeRole[] = rolesFor("catalog.edit")
export const COMMERCE_ROLES: readonly EmployeeRole[] = rolesFor("commerce.manage")
export const ORG_ADMIN_ROLES: readonly EmployeeRole[] = rolesFor("staff.manage")
/** Who may invite staff and edit the org's email automations. */
export const INVITER_ROLES: readonly EmployeeRole[] = rolesFor("staff.invite")
