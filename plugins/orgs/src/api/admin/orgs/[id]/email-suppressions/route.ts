import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminAddSuppression, AdminListSuppressionsQuery } from "../../../../automation-validators"
import { AUTOMATION_MODULE } from "../../../../../modules/automation"
import type AutomationModuleService from "../../../../../modules/automation/service"
import { orgAccess } from "../../../../utils/org-access"

/** GET /admin/orgs/:id/email-suppressions: addresses that get no marketing email from the org. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListSuppressionsQuery>, res: MedusaResponse) {
  const { org_id } = orgAccess(req)
  const { limit, offset } = req.validatedQuery
  const [suppressions, count] = await req.scope
    .resolve<AutomationModuleService>(AUTOMATION_MODULE)
    .listAndCountEmailSuppressions({ org_id }, { select: ["id", "email", "reason", "source", "created_at"], skip: offset, take: limit, order: { created_at: "DESC" } })
  res.json({ suppressions, count, limit, offset })
}

/** POST /admin/orgs/:id/email-suppressions { email, reason }: e.g. a bounce the mail provider reported. */
export async function POST(req: AuthenticatedMedusaRequest<AdminAddSuppression>, res: MedusaResponse) {
  const { org_id, user_id } = orgAccess(req)
  const { email, reason } = req.validatedBody
  await req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE).suppress({ org_id, email, reason, source: `admin:${user_id}` })
  res.status(201).json({ email: email.toLowerCase(), reason })
}
