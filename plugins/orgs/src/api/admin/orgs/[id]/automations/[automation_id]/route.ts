import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { asJsonColumn } from "../../../../../../types/json-column"
import type { AdminUpdateAutomation } from "../../../../../automation-validators"
import { MedusaError } from "@medusajs/framework/utils"
import { AUTOMATION_MODULE } from "../../../../../../modules/automation"
import type AutomationModuleService from "../../../../../../modules/automation/service"
import { checkAutomationRefs } from "../../../../../utils/automation-refs"
import { orgAccess } from "../../../../../utils/org-access"
import { SEQUENCE_FIELDS } from "../route"

async function load(req: AuthenticatedMedusaRequest) {
  const { org_id } = orgAccess(req)
  const automations = req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  // Another org's sequence answers exactly like a missing one.
  const [automation] = await automations.listAutomationSequences({ id: req.params.automation_id, org_id }, { select: SEQUENCE_FIELDS })
  if (!automation) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Automation "${req.params.automation_id}" was not found`)
  return { automation, automations, org_id }
}

/** GET /admin/orgs/:id/automations/:automation_id */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { automation } = await load(req)
  res.json({ automation })
}

/** POST /admin/orgs/:id/automations/:automation_id: edit (managers and up). Runs in progress follow the new steps by index. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateAutomation>, res: MedusaResponse) {
  const { automation, automations, org_id } = await load(req)
  const body = req.validatedBody
  await checkAutomationRefs(req, org_id, { trigger_type: automation.trigger_type, ...body })
  const { steps, ...changes } = body
  await automations.updateAutomationSequences({ id: automation.id, ...changes, ...(steps ? { steps: asJsonColumn(steps) } : {}) })
  const [updated] = await automations.listAutomationSequences({ id: automation.id }, { select: SEQUENCE_FIELDS })
  res.json({ automation: updated })
}

/** DELETE /admin/orgs/:id/automations/:automation_id: its active runs stop (nothing more is sent). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { automation, automations } = await load(req)
  await automations.softDeleteAutomationSequences(automation.id)
  const runs = await automations.listAutomationRuns({ sequence_id: automation.id, status: "active" }, { select: ["id"] })
  if (runs.length) await automations.updateAutomationRuns(runs.map((r) => ({ id: r.id, status: "exited" as const, ended_at: new Date() })))
  res.json({ id: automation.id, object: "automation", deleted: true })
}
