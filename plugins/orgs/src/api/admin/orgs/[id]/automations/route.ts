import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { asJsonColumn } from "../../../../../types/json-column"
import type { AdminCreateAutomation } from "../../../../automation-validators"
import { AUTOMATION_MODULE } from "../../../../../modules/automation"
import type AutomationModuleService from "../../../../../modules/automation/service"
import { checkAutomationRefs } from "../../../../utils/automation-refs"
import { orgAccess } from "../../../../utils/org-access"
import { orgLocaleList } from "../../../../../email/locale"
import { ORG_MODULE } from "../../../../../modules/org"
import type OrgModuleService from "../../../../../modules/org/service"
import { missingEmailTranslations, type AutomationStep } from "../../../../../rules/automation"
import type { OrgBranding } from "../../../../../types"

export const SEQUENCE_FIELDS = ["id", "org_id", "name", "status", "trigger_type", "trigger_ref", "trigger_days", "steps", "exit_on_purchase", "exit_product_id", "created_at", "updated_at"]

/** GET /admin/orgs/:id/automations: the org's sequences, with how many runs each has per status. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id } = orgAccess(req)
  const automations = req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const sequences = await automations.listAutomationSequences({ org_id }, { select: SEQUENCE_FIELDS, order: { created_at: "DESC" } })
  const runs = sequences.length
    ? await automations.listAutomationRuns({ sequence_id: sequences.map((s) => s.id) }, { select: ["sequence_id", "status"] })
    : []
  const stats = new Map<string, Record<string, number>>()
  for (const r of runs) {
    const s = stats.get(r.sequence_id) ?? {}
    s[r.status] = (s[r.status] ?? 0) + 1
    stats.set(r.sequence_id, s)
  }
  // Which email steps still lack a translation in each locale the org enabled besides its default.
  const [org] = await req.scope.resolve<OrgModuleService>(ORG_MODULE).listOrgs({ id: org_id }, { take: 1, select: ["id", "branding"] })
  const others = orgLocaleList(org?.branding as OrgBranding | null).locales.slice(1)
  res.json({
    automations: sequences.map((s) => ({
      ...s,
      runs: stats.get(s.id) ?? {},
      // `steps` is a JSON column (typed as a record by Medusa), validated as steps when written.
      missing_translations: missingEmailTranslations(s.steps as unknown as AutomationStep[], others),
    })),
  })
}

/** POST /admin/orgs/:id/automations: a new sequence (managers and up). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateAutomation>, res: MedusaResponse) {
  const { org_id } = orgAccess(req)
  const body = req.validatedBody
  await checkAutomationRefs(req, org_id, body)
  const automations = req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const created = await automations.createAutomationSequences({ ...body, steps: asJsonColumn(body.steps), org_id })
  const [automation] = await automations.listAutomationSequences({ id: created.id }, { select: SEQUENCE_FIELDS })
  res.status(201).json({ automation })
}
