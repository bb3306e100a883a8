import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminPreviewAutomationEmail } from "../../../../automation-validators"
import { buildEmail, loadEmailBrand, renderEmail } from "../../../../../email"
import { applyMergeFields, bodyParagraphs, stepProblems, type MergeValues } from "../../../../../rules/automation"
import { MedusaError } from "@medusajs/framework/utils"
import { orgAccess } from "../../../../utils/org-access"

/**
 * POST /admin/orgs/:id/automation-preview { subject, body, sample? }: the email as a
 * recipient would get it (the org's brand, merge fields filled with the sample or examples).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminPreviewAutomationEmail>, res: MedusaResponse) {
  const { org_id } = orgAccess(req)
  const { subject, body, sample } = req.validatedBody
  const problems = stepProblems([{ type: "email", subject, body }])
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  const brand = await loadEmailBrand(req.scope, org_id)
  const values: MergeValues = {
    first_name: "Alex",
    last_name: "Doe",
    email: "alex@example.com",
    org_name: brand.org_name,
    storefront_link: brand.storefront_url,
    course_link: `${brand.storefront_url}/learn`,
    course_title: "Your course",
    product_title: "Your product",
    ...(sample ?? {}),
  }
  const unsubscribe_url = `${brand.backend_url}/email/unsubscribe?token=preview`
  const email = await renderEmail(
    brand,
    buildEmail("automation-email", brand, {
      subject: applyMergeFields(subject, values),
      paragraphs: bodyParagraphs(applyMergeFields(body, values)),
      unsubscribe_url,
    })
  )
  res.json({ preview: email })
}
