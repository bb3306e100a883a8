import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import OrgProductLink from "../../links/org-product"
import { orgLocaleList } from "../../email/locale"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { translationLocaleProblems, type AutomationStep } from "../../rules/automation"
import type { OrgBranding } from "../../types"

/**
 * A sequence's trigger_ref and exit_product_id must be the org's own product or course (a lead magnet for
 * lead_magnet_opt_in), and trigger_days belongs to no_lesson_opened only:
 * anything else (another org's id, an unknown one) is 404 naming the field, nothing saved.
 * An email step's translations must be in locales the org enabled (400 naming step and locale).
 */
export async function checkAutomationRefs(
  req: MedusaRequest,
  orgId: string,
  body: { trigger_type?: string; trigger_ref?: string | null; trigger_days?: number | null; exit_product_id?: string | null; steps?: AutomationStep[] }
) {
  if (body.steps?.some((s) => s.type === "email" && s.translations && Object.keys(s.translations).length)) {
    const [org] = await req.scope.resolve<OrgModuleService>(ORG_MODULE).listOrgs({ id: orgId }, { take: 1, select: ["id", "branding"] })
    const problems = translationLocaleProblems(body.steps, orgLocaleList(org?.branding as OrgBranding | null))
    if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  }
  if (body.trigger_days != null && body.trigger_type !== "no_lesson_opened") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "trigger_days only applies to the no_lesson_opened trigger")
  }
  if (body.trigger_type === "no_lesson_opened" && body.trigger_days === null) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "trigger_days (how many days without a lesson opened) is required for no_lesson_opened")
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const ownsProduct = async (id: string) =>
    (await query.graph({ entity: OrgProductLink.entryPoint, fields: ["product_id"], filters: { org_id: orgId, product_id: id } })).data.length > 0
  const courseOf = async (id: string) =>
    (await query.graph({ entity: "course", fields: ["id", "lead_magnet"], filters: { id, org_id: orgId } })).data[0] as
      | { id: string; lead_magnet?: boolean }
      | undefined
  const ownsCourse = async (id: string) => !!(await courseOf(id))
  if (body.trigger_ref) {
    const isCourse = ["course_enrolled", "course_completed", "no_lesson_opened", "lead_magnet_opt_in"].includes(body.trigger_type ?? "")
    const isProduct = body.trigger_type === "product_bought"
    if (!isCourse && !isProduct) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `The trigger "${body.trigger_type}" takes no trigger_ref`)
    }
    if (!(isCourse ? await ownsCourse(body.trigger_ref) : await ownsProduct(body.trigger_ref))) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `trigger_ref: ${isCourse ? "course" : "product"} "${body.trigger_ref}" was not found in this org`)
    }
  }
  if (body.trigger_ref && body.trigger_type === "lead_magnet_opt_in" && !(await courseOf(body.trigger_ref))?.lead_magnet) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `trigger_ref: course "${body.trigger_ref}" is not a lead magnet (mark it as one first)`)
  }
  if (body.exit_product_id && !(await ownsProduct(body.exit_product_id))) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `exit_product_id: product "${body.exit_product_id}" was not found in this org`)
  }
}
