import { randomBytes } from "node:crypto"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createDomainStep } from "./steps/create-org-records"
import { listOrgDomainsStep, validateHostnameStep } from "./steps/org-checks"
import { updateDomainsStep } from "./steps/update-org-records"
import { normalizeHostname } from "./hostname"

/**
 * Adds a hostname to an org, unverified, with a fresh token for its DNS TXT record. The
 * org's first domain becomes primary.
 */
export const addOrgDomainWorkflow = createWorkflow(
  "add-org-domain",
  (input: { org_id: string; hostname: string; is_primary?: boolean }) => {
    const hostname = transform({ input }, ({ input }) => normalizeHostname(input.hostname))
    validateHostnameStep(transform({ input, hostname }, ({ input, hostname }) => ({ hostname, org_id: input.org_id })))
    const existing = listOrgDomainsStep({ org_id: input.org_id })
    const primary = transform({ input, existing }, ({ input, existing }) => !existing.length || !!input.is_primary)
    updateDomainsStep(
      transform({ existing, primary }, ({ existing, primary }) =>
        primary ? existing.filter((d) => d.is_primary).map((d) => ({ id: d.id, is_primary: false })) : []
      )
    )
    const domain = createDomainStep(
      transform({ input, hostname, primary }, ({ input, hostname, primary }) => ({
        org_id: input.org_id,
        hostname,
        is_primary: primary,
        verification_token: randomBytes(16).toString("hex"),
      }))
    )
    return new WorkflowResponse(domain)
  }
)
