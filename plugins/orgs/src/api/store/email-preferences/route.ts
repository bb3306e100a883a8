import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { resolveStoreOrg } from "../../utils/store-org"

async function who(req: AuthenticatedMedusaRequest) {
  const org = await resolveStoreOrg(req as unknown as MedusaStoreRequest)
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: req.auth_context.actor_id }, { select: ["id", "email"] })
  if (!customer?.email) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Customer not found")
  return { org, email: customer.email.toLowerCase() }
}

async function state(req: AuthenticatedMedusaRequest, orgId: string, email: string) {
  const [row] = await req.scope
    .resolve<AutomationModuleService>(AUTOMATION_MODULE)
    .listEmailSuppressions({ org_id: orgId, email }, { select: ["reason"] })
  return { marketing: !row, suppressed_reason: row?.reason ?? null }
}

/** GET /store/email-preferences: whether the logged-in customer gets this org's marketing emails. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org, email } = await who(req)
  res.json({ email_preferences: await state(req, org.id, email) })
}

/** POST /store/email-preferences { marketing }: opt out, or back in (a bounced address stays suppressed). */
export async function POST(req: AuthenticatedMedusaRequest<{ marketing: boolean }>, res: MedusaResponse) {
  const { org, email } = await who(req)
  const automations = req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  if (req.validatedBody.marketing) await automations.resubscribe({ org_id: org.id, email })
  else await automations.suppress({ org_id: org.id, email, reason: "unsubscribed", source: "account" })
  res.json({ email_preferences: await state(req, org.id, email) })
}
