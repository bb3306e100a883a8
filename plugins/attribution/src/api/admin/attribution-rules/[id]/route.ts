import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../../../modules/attribution"
import type AttributionModuleService from "../../../../modules/attribution/service"
import { removeAttributionRuleWorkflow } from "../../../../workflows/remove-attribution-rule"
import { updateAttributionRuleWorkflow } from "../../../../workflows/update-attribution-rule"
import { adminOrgScope, assertRuleDecision, RULE_ROLES } from "../../../utils/tenancy"
import type { AdminUpdateAttributionRule } from "../../../validators"

/** The rule, which must belong to the caller's org (404 otherwise). */
async function ruleInScope(req: AuthenticatedMedusaRequest) {
  const orgId = await adminOrgScope(req, RULE_ROLES)
  const [rule] = await req.scope
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .listAttributionRules({ id: req.params.id }, { take: 1, select: ["id", "org_id", "employee_id"] })
  if (!rule || (orgId && rule.org_id !== orgId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Attribution rule "${req.params.id}" was not found`)
  }
  return rule
}

/** POST /admin/attribution-rules/:id { role?, type?, percent_bps?, fixed_amounts?, effective_from?, effective_to? } */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateAttributionRule>, res: MedusaResponse) {
  const rule = await ruleInScope(req)
  await assertRuleDecision(req, rule.employee_id)
  const { result } = await updateAttributionRuleWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ attribution_rule: result })
}

/** DELETE /admin/attribution-rules/:id (postings already made keep their amounts). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await ruleInScope(req)
  const { result } = await removeAttributionRuleWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: result, object: "attribution_rule", deleted: true })
}
