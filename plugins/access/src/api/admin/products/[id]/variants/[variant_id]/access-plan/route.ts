import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { removeAccessPlanWorkflow } from "../../../../../../../workflows/remove-access-plan"
import { setAccessPlanWorkflow } from "../../../../../../../workflows/set-access-plan"
import { adminOrgScope, assertProductInScope, CATALOG_ROLES } from "../../../../../../utils/tenancy"
import type { AdminSetAccessPlan } from "../../../../../../validators"

async function checkVariant(req: AuthenticatedMedusaRequest) {
  const orgId = await adminOrgScope(req, CATALOG_ROLES)
  await assertProductInScope(req, req.params.id, orgId)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id"],
    filters: { id: req.params.variant_id, product_id: req.params.id },
  })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant "${req.params.variant_id}" of this product was not found`)
  }
}

/** POST /admin/products/:id/variants/:variant_id/access-plan { tier, duration_days?, billing? } */
export async function POST(req: AuthenticatedMedusaRequest<AdminSetAccessPlan>, res: MedusaResponse) {
  await checkVariant(req)
  const { result } = await setAccessPlanWorkflow(req.scope).run({
    input: { variant_id: req.params.variant_id, ...req.validatedBody },
  })
  res.json({ access_plan: result })
}

/** DELETE /admin/products/:id/variants/:variant_id/access-plan (granted entitlements stay). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await checkVariant(req)
  const { result } = await removeAccessPlanWorkflow(req.scope).run({ input: { variant_id: req.params.variant_id } })
  res.json({ id: result, object: "access_plan", deleted: true })
}
