import { randomBytes } from "node:crypto"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkDomainChallengeStep, ensureHostnameFreeStep } from "./steps/domain-dns"
import { createDomainStep } from "./steps/create-org-records"
import { softDeleteDomainsStep } from "./steps/delete-org-records"
import { listOrgDomainsStep, validateHostnameStep } from "./steps/org-checks"
import { updateDomainsStep } from "./steps/update-org-records"
import { MedusaError } from "@medusajs/framework/utils"

export const normalizeHostname = (hostname: string) => hostname.trim().toLowerCase().replace(/\.$/, "")

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
      transform({ updated, input }, ({ updated, input }) => updated.find((d: any) => d.id === input.domain_id))
    )
  }
)

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
