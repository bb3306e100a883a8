import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

/** Loads an org (404 when missing) and, with `status`, refuses a no-op status change. */
export const loadOrgStep = createStep(
  "load-org",
  async ({ id, expect_status }: { id: string; expect_status?: string }, { container }) => {
    const [org] = await container
      .resolve<OrgModuleService>(ORG_MODULE)
      .listOrgs({ id }, { take: 1, select: ["id", "handle", "name", "status", "sales_channel_id", "settings", "branding"] })
    if (!org) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${id}" was not found`)
    }
    if (expect_status && org.status !== expect_status) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The org "${org.handle}" is ${org.status}, not ${expect_status}`
      )
    }
    return new StepResponse(org)
  }
)

export const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$|^localhost$/

/**
 * Refuses a malformed hostname, one this org already claims, or one another org has
 * verified. Another org's unverified claim does not count: claiming costs nothing, so it
 * must not block the hostname's real owner.
 */
export const validateHostnameStep = createStep(
  "validate-org-hostname",
  async ({ hostname, org_id }: { hostname: string; org_id: string }, { container }) => {
    if (!HOSTNAME_PATTERN.test(hostname)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `hostname "${hostname}" is not a valid hostname`)
    }
    const claims = await container
      .resolve<OrgModuleService>(ORG_MODULE)
      .listOrgDomains({ hostname }, { select: ["id", "org_id", "verified_at"] })
    if (claims.some((c) => c.org_id === org_id)) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `This org already has the hostname "${hostname}"`)
    }
    if (claims.some((c) => c.verified_at)) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `The hostname "${hostname}" is already verified by another org`)
    }
    return new StepResponse(hostname)
  }
)

/** The org's domains, to keep a single primary. */
export const listOrgDomainsStep = createStep(
  "list-org-domains",
  async ({ org_id }: { org_id: string }, { container }) => {
    const domains = await container
      .resolve<OrgModuleService>(ORG_MODULE)
      .listOrgDomains({ org_id }, { select: ["id", "hostname", "is_primary", "verified_at"] })
    return new StepResponse(domains)
  }
)

/** Pending invitations whose expiry has passed. */
export const listExpiredInvitationsStep = createStep(
  "list-expired-org-invitations",
  async ({ now }: { now?: Date }, { container }) => {
    const expired = await container
      .resolve<OrgModuleService>(ORG_MODULE)
      .listOrgInvitations(
        { status: "pending", expires_at: { $lte: now ?? new Date() } },
        { select: ["id"], take: 1000 }
      )
    return new StepResponse(expired.map((i) => ({ id: i.id, status: "expired" })))
  }
)
