import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { rolesFor } from "../../../../rules/roles"
import { updateOrgWorkflow } from "../../../../workflows/update-org"
import { orgAccess } from "../../../utils/org-access"
import { presentDomain, type DomainRow } from "../../../utils/present-domain"
import { AdminUpdateOrg, PLATFORM_ONLY_SETTINGS } from "../../../validators"

const DETAIL_FIELDS = [
  "id",
  "handle",
  "name",
  "status",
  "sales_channel_id",
  "support_email",
  "branding",
  "settings",
  "created_at",
  "updated_at",
  "domains.id",
  "domains.hostname",
  "domains.is_primary",
  "domains.verified_at",
  "domains.verification_token",
]
const KEY_FIELDS = ["api_keys.id", "api_keys.title", "api_keys.token", "api_keys.revoked_at"]

/** GET /admin/orgs/:id: the org, its domains and (for owners/admins) its publishable keys. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { org_id, role } = orgAccess(req)
  const canSeeKeys = role === "platform" || rolesFor("staff.manage").includes(role)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [org],
  } = await query.graph({
    entity: "org",
    fields: canSeeKeys ? [...DETAIL_FIELDS, ...KEY_FIELDS] : DETAIL_FIELDS,
    filters: { id: org_id },
  })
  if (!org) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${org_id}" was not found`)
  }
  res.json({ org: { ...org, domains: ((org.domains ?? []) as DomainRow[]).map((d) => presentDomain(d)), role } })
}

/** POST /admin/orgs/:id: name, support email, branding, settings (owners/admins). */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateOrg>, res: MedusaResponse) {
  const { org_id, role } = orgAccess(req)
  const body = req.validatedBody
  const platformField = PLATFORM_ONLY_SETTINGS.find((f) => body.settings && f in body.settings)
  if (platformField && role !== "platform") {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `settings.${platformField} is set by the platform; only platform operators can change it`
    )
  }
  await updateOrgWorkflow(req.scope).run({ input: { id: org_id, ...body } })
  return GET(req, res)
}
