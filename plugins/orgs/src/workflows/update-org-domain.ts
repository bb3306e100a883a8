import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ensureHostnameFreeStep } from "./steps/domain-dns"
import { listOrgDomainsStep } from "./steps/org-checks"
import { updateDomainsStep } from "./steps/update-org-records"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Makes a domain primary and/or marks it verified by decision of a platform operator (the
 * route checks who). Verifying refuses a hostname another org has verified.
 */
export const updateOrgDomainWorkflow = createWorkflow(
  "update-org-domain",
  (input: { org_id: string; domain_id: string; is_primary?: boolean; verified?: boolean }) => {
    const existing = listOrgDomainsStep({ org_id: input.org_id })
    when({ input }, ({ input }) => input.verified === true).then(() =>
      ensureHostnameFreeStep(transform({ input }, ({ input }) => ({ org_id: input.org_id, domain_id: input.domain_id })))
    )
    const updates = transform({ input, existing }, ({ input, existing }) => {
      const domain = existing.find((d) => d.id === input.domain_id)
      if (!domain) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Domain "${input.domain_id}" was not found`)
      }
      const out: Record<string, unknown>[] = []
      if (input.is_primary) {
        existing
          .filter((d) => d.is_primary && d.id !== domain.id)
          .forEach((d) => out.push({ id: d.id, is_primary: false }))
      }
      const change: Record<string, unknown> = { id: domain.id }
      if (input.is_primary !== undefined) change.is_primary = input.is_primary
      if (input.verified !== undefined) change.verified_at = input.verified ? domain.verified_at ?? new Date() : null
      out.push(change)
      return out as { id: string }[]
    })
    const updated = updateDomainsStep(updates)
    return new WorkflowResponse(
      transform({ updated, input }, ({ updated, input }) => updated.find((d) => d.id === input.domain_id))
    )
  }
)
