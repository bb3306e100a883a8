import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { decide, needsAttribution } from "../../rules/roles"
import type { OrgScope } from "../utils/admin-actor"

/**
 * Which of `productIds` the employee is attributed on. Attribution lives in
 * @volmify/attribution, which depends on this plugin: it registers the lookup at start
 * (its middlewares.ts). Without it nobody is attributed, so creators edit nothing.
 */
export type AttributedProducts = (req: MedusaRequest, employeeId: string, productIds: string[]) => Promise<string[]>

let lookup: AttributedProducts | null = null

export function registerAttributedProducts(fn: AttributedProducts) {
  lookup = fn
}

/**
 * 403 unless the staff member may edit every product in `productIds` (`catalog.edit` of
 * the role matrix: creators only the products they are attributed on).
 */
export async function assertCatalogEdit(req: MedusaRequest, scope: OrgScope, productIds: string[]) {
  if (!needsAttribution(scope.role, "catalog.edit") || !productIds.length) {
    return
  }
  const unique = [...new Set(productIds)]
  const attributed = new Set(lookup ? await lookup(req, scope.employee_id, unique) : [])
  for (const id of unique) {
    const decision = decide(scope.role, "catalog.edit", { attributed: attributed.has(id) })
    if (!decision.allowed) {
      throw new MedusaError(MedusaError.Types.FORBIDDEN, `${decision.reason} (product ${id})`)
    }
  }
}
