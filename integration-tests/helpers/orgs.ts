import type { MedusaContainer } from "@medusajs/framework/types"
import {
  Api,
  AdminActor,
  createAdminUser,
  createCustomer,
  createPlatformAdmin,
  CustomerActor,
  StoreKey,
  uniqueEmail,
} from "./actors"

import { EMPLOYEE_ROLES, type EmployeeRole } from "@volmify/orgs/rules"

export type Role = EmployeeRole
export const ROLES: Role[] = [...EMPLOYEE_ROLES]

export type TestOrg = {
  org: { id: string; handle: string; name: string; status: string; sales_channel_id: string }
  key: StoreKey
  owner: AdminActor
}

// The built plugin, as the host app loads it (tests run after `medusa plugin:build`).
import { createOrgWorkflow } from "@volmify/orgs/workflows"

/** An org made through createOrgWorkflow: sales channel, publishable key, owner. */
export async function createTestOrg(
  container: MedusaContainer,
  api: Api,
  { handle, name = handle, owner }: { handle: string; name?: string; owner?: AdminActor }
): Promise<TestOrg> {
  const ownerActor = owner ?? (await createAdminUser(container, api, { email: uniqueEmail(`${handle}.owner`) }))
  const { result } = await createOrgWorkflow(container).run({
    input: { handle, name, owner_user_id: ownerActor.user.id },
  })
  const token = result.publishable_key.token
  return {
    org: result.org,
    key: {
      token,
      salesChannelId: result.sales_channel.id,
      headers: { "x-publishable-api-key": token },
    },
    owner: ownerActor,
  }
}

/** An admin user made staff of `orgId` with `role`. */
export async function createStaff(
  container: MedusaContainer,
  api: Api,
  orgId: string,
  role: Role,
  label = role
): Promise<AdminActor> {
  const actor = await createAdminUser(container, api, { email: uniqueEmail(label) })
  await container.resolve<any>("org").createOrgEmployees({ org_id: orgId, user_id: actor.user.id, role })
  return actor
}

export type OrgSide = TestOrg & {
  staff: Record<Role, AdminActor>
  customer: CustomerActor
}

export type TwoOrgFixture = {
  platform: AdminActor
  /** An admin user who is neither platform operator nor staff of any org. */
  outsider: AdminActor
  a: OrgSide
  b: OrgSide
}

/**
 * The tenancy fixture every plugin's tests reuse: two orgs, staff of A in every role
 * (the owner is staff.owner), an owner (and every role) in B, one registered customer
 * per org (a member of that org only), a platform admin and an org-less admin user.
 */
export async function createTwoOrgFixture(
  container: MedusaContainer,
  api: Api,
  { prefix = "t" }: { prefix?: string } = {}
): Promise<TwoOrgFixture> {
  const platform = await createPlatformAdmin(container, api, { email: uniqueEmail("platform") })
  const outsider = await createAdminUser(container, api, { email: uniqueEmail("outsider") })
  const side = async (letter: string): Promise<OrgSide> => {
    const base = await createTestOrg(container, api, {
      handle: `${prefix}-org-${letter}-${Date.now().toString(36)}`,
      name: `Org ${letter.toUpperCase()}`,
    })
    const staff = { owner: base.owner } as Record<Role, AdminActor>
    for (const role of ROLES.filter((r) => r !== "owner")) {
      staff[role] = await createStaff(container, api, base.org.id, role, `${letter}.${role}`)
    }
    const customer = await createCustomer(api, base.key, { email: uniqueEmail(`${letter}.customer`) })
    return { ...base, staff, customer }
  }
  const a = await side("a")
  const b = await side("b")
  return { platform, outsider, a, b }
}

/** Every string id-like value in a JSON body, to assert no id of another org leaks. */
export function collectIds(body: unknown, out = new Set<string>()): Set<string> {
  if (typeof body === "string") {
    out.add(body)
  } else if (Array.isArray(body)) {
    body.forEach((v) => collectIds(v, out))
  } else if (body && typeof body === "object") {
    Object.values(body).forEach((v) => collectIds(v, out))
  }
  return out
}

/**
 * Attributes `actor` (staff of `orgId`) on `productIds` with a 1 % share, through the
 * attribution plugin's workflow: creators edit only the products they are attributed on
 * (role matrix of @volmify/orgs).
 */
export async function attributeStaff(container: MedusaContainer, orgId: string, actor: AdminActor, productIds: string[]) {
  const { createAttributionRuleWorkflow } = require("@volmify/attribution/workflows")
  const [employee] = await container.resolve<any>("org").listOrgEmployees({ org_id: orgId, user_id: actor.user.id })
  for (const product_id of productIds) {
    await createAttributionRuleWorkflow(container).run({
      input: { product_id, employee_id: employee.id, role: "creator", type: "percent", percent_bps: 100 },
    })
  }
}
