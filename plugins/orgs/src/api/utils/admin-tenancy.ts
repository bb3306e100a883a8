import type { AuthenticatedMedusaRequest, MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { CATALOG_ROLES, COMMERCE_ROLES, type EmployeeRole as Role } from "../../rules/roles"
import { assertCatalogEdit } from "../admin-scope/catalog-grants"
import { resolveAdminActor } from "./admin-actor"

/*
 * Tenancy checks for the admin routes of Volmify plugins (access, courses, ...), which
 * claim their routes with requireOrgScope(roles). Other plugins import them from
 * `@volmify/orgs/tenancy`.
 */

export { CATALOG_ROLES, COMMERCE_ROLES }

/**
 * The org an admin request may act in: null for platform operators (everything), the
 * staff's org otherwise. Staff without one of `roles` get 403; users of no org 403;
 * staff of a suspended org may only read.
 */
export async function adminOrgScope(req: MedusaRequest, roles?: readonly Role[]): Promise<string | null> {
  const actor = await resolveAdminActor(req)
  if (actor.kind === "platform") return null
  if (actor.kind === "none") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "Only platform operators and org staff can use this route")
  }
  const { scope } = actor
  if (roles && !roles.includes(scope.role)) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `This needs one of the roles ${roles.join(", ")} in ${scope.handle}; you are ${scope.role}`
    )
  }
  if (scope.status !== "active" && req.method !== "GET") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, `The org "${scope.handle}" is suspended: read-only`)
  }
  return scope.org_id
}

/**
 * 404 unless the product exists and, for staff, belongs to their org. On a write, staff
 * must also be allowed to edit it (role matrix: creators only attributed products).
 */
export async function assertProductInScope(req: MedusaRequest, productId: string, orgId: string | null) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [product],
  } = await query.graph({ entity: "product", fields: ["id", "org.id"], filters: { id: productId } })
  if (!product || (orgId && product.org?.id !== orgId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product "${productId}" was not found`)
  }
  if (orgId && req.method !== "GET") {
    const actor = await resolveAdminActor(req)
    if (actor.kind === "staff") await assertCatalogEdit(req, actor.scope, [productId])
  }
  return product
}

/** 404 unless the customer exists and, for staff, is a member of their org. */
export async function assertCustomerInScope(req: MedusaRequest, customerId: string, orgId: string | null) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  if (orgId) {
    const { data } = await query.graph({
      entity: "org_member",
      fields: ["id"],
      filters: { org_id: orgId, customer_id: customerId },
    })
    if (data.length) return
  } else {
    const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: customerId } })
    if (data.length) return
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer "${customerId}" was not found`)
}

/** The ids of the products an org owns (for narrowing entitlement lists). */
export async function orgProductIds(req: MedusaRequest, orgId: string): Promise<string[]> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [org],
  } = await query.graph({ entity: "org", fields: ["products.id"], filters: { id: orgId } })
  return (org?.products ?? []).filter(Boolean).map((p: { id: string }) => p.id)
}

export const actorId = (req: MedusaRequest) => (req as AuthenticatedMedusaRequest).auth_context?.actor_id
