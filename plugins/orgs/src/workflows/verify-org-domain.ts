import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkDomainChallengeStep } from "./steps/domain-dns"
import { updateDomainsStep } from "./steps/update-org-records"

/**
 * Verifies a claim by its DNS TXT record (steps/domain-dns.ts): found, and the hostname
 * not verified by another org, the claim is verified. The partial unique index on verified
 * hostnames backs the check against two verifications racing.
 */
export const verifyOrgDomainWorkflow = createWorkflow(
  "verify-org-domain",
  (input: { org_id: string; domain_id: string }) => {
    const check = checkDomainChallengeStep(input)
    const updated = when({ check }, ({ check }) => !check.already_verified).then(() =>
      updateDomainsStep(transform({ check }, ({ check }) => [{ id: check.id, verified_at: new Date() }]))
    )
    return new WorkflowResponse(transform({ check, updated }, ({ check }) => ({ id: check.id })))
  }
)
