import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import OrgProductLink from "../../links/org-product"

/**
 * A sequence's trigger_ref and exit_product_id must be the org's own product or course:
 * anything else (another org's id, an unknown one) is 404 naming the field, nothing saved.
 */
export async function checkAutomationRefs(
  req: MedusaRequest,
  orgId: string,
  body: { trigger_type?: string; trigger_ref?: string | null; exit_product_id?: string | null }
) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const ownsProduct = async (id: string) =>
    (await query.graph({ entity: OrgProductLink.entryPoint, fields: ["product_id"], filters: { org_id: orgId, product_id: id } })).data.length > 0
  const ownsCourse = async (id: string) =>
    (await query.graph({ entity: "course", fields: ["id"], filters: { id, org_id: orgId } })).data.length > 0
  if (body.trigger_ref) {
    const isCourse = body.trigger_type === "course_enrolled" || body.trigger_type === "course_completed"
    const isProduct = body.trigger_type === "product_bought"
    if (!isCourse && !isProduct) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `The trigger "${body.trigger_type}" takes no trigger_ref`)
    }
    if (!(isCourse ? await ownsCourse(body.trigger_ref) : await ownsProduct(body.trigger_ref))) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `trigger_ref: ${isCourse ? "course" : "product"} "${body.trigger_ref}" was not found in this org`)
    }
  }
  if (body.exit_product_id && !(await ownsProduct(body.exit_product_id))) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `exit_product_id: product "${body.exit_product_id}" was not found in this org`)
  }
}
