import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { saveCertificateSettingsWorkflow } from "../../../workflows/save-certificate-settings"
import { courseService } from "../../utils/admin-courses"
import { adminOrgScope, CATALOG_ROLES } from "../../utils/tenancy"
import type { EmployeeRole } from "@volmify/orgs/tenancy"
import type { OrgModuleService } from "@volmify/orgs/modules/org"
import type { AdminCertificateSettings, AdminOrgQuery } from "../../validators"

const DEFAULTS = {
  title: "Certificate of Completion",
  body_text: "has successfully completed the course",
  signatory_name: null,
  signatory_title: null,
  accent_color: null,
}

/** The org the settings are for: the caller's, or `org_id` (required) for platform operators. */
async function settingsOrg(req: AuthenticatedMedusaRequest, requested: string | undefined, roles?: readonly EmployeeRole[]) {
  const orgId = await adminOrgScope(req, roles)
  if (orgId) {
    if (requested && requested !== orgId) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requested}" was not found`)
    return orgId
  }
  if (!requested) throw new MedusaError(MedusaError.Types.INVALID_DATA, "org_id is required for platform operators")
  const [org] = await req.scope.resolve<OrgModuleService>("org").listOrgs({ id: requested }, { take: 1, select: ["id"] })
  if (!org) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requested}" was not found`)
  return org.id
}

/** GET /admin/certificate-settings (`org_id` for operators): the org's template, defaults filled in. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminOrgQuery>, res: MedusaResponse) {
  const orgId = await settingsOrg(req, req.validatedQuery?.org_id)
  const [settings] = await courseService(req).listCertificateSettings({ org_id: orgId }, { take: 1 })
  res.json({ certificate_settings: { ...DEFAULTS, ...(settings ?? {}), org_id: orgId } })
}

/** POST /admin/certificate-settings: the template (catalog roles). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCertificateSettings>, res: MedusaResponse) {
  const { org_id, ...fields } = req.validatedBody
  const orgId = await settingsOrg(req, org_id, CATALOG_ROLES)
  const { result } = await saveCertificateSettingsWorkflow(req.scope).run({ input: { ...fields, org_id: orgId } })
  res.json({ certificate_settings: { ...DEFAULTS, ...result } })
}
