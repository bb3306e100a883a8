import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../modules/affiliates"
import { ProgramInput, upsertAffiliateProgramWorkflow } from "../../../workflows/upsert-affiliate-program"
import { presentProgram } from "../../utils/present"
import { READ_ROLES, requireAdminOrg, WRITE_ROLES } from "../../utils/tenancy"
import type { AdminOrgQuery } from "../../validators"

/** GET /admin/affiliate-program?org_id= -> { program } (defaults when never saved). */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminOrgQuery>, res: MedusaResponse) {
  const orgId = await requireAdminOrg(req, READ_ROLES, req.validatedQuery?.org_id)
  const [program] = await req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE).listAffiliatePrograms({ org_id: orgId })
  res.json({ program: presentProgram(program, orgId) })
}

/** POST /admin/affiliate-program { enabled?, commission_type?, ... } -> { program }. */
export async function POST(req: AuthenticatedMedusaRequest<Omit<ProgramInput, "org_id"> & { org_id?: string }>, res: MedusaResponse) {
  const { org_id, ...body } = req.validatedBody
  const orgId = await requireAdminOrg(req, WRITE_ROLES, org_id)
  const { result } = await upsertAffiliateProgramWorkflow(req.scope).run({ input: { ...body, org_id: orgId } })
  res.json({ program: presentProgram(result, orgId) })
}
