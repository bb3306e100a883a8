import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { softDeleteDomainsStep } from "./steps/delete-org-records"
import { listOrgDomainsStep } from "./steps/org-checks"
import { MedusaError } from "@medusajs/framework/utils"

/** Removes a domain from an org. */
export const removeOrgDomainWorkflow = createWorkflow(
  "remove-org-domain",
  (input: { org_id: string; domain_id: string }) => {
    const existing = listOrgDomainsStep({ org_id: input.org_id })
    const ids = transform({ input, existing }, ({ input, existing }) => {
      if (!existing.some((d) => d.id === input.domain_id)) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Domain "${input.domain_id}" was not found`)
      }
      return [input.domain_id]
    })
    softDeleteDomainsStep(ids)
    return new WorkflowResponse(ids)
  }
)
