import { promises as dns } from "node:dns"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { domainChallengeRecord, txtAnswerProves } from "../../rules/domain-verification"

/** What verification needs from DNS: Node's `dns.promises.Resolver` has this shape. */
export interface DomainTxtResolver {
  resolveTxt(name: string): Promise<string[][]>
}

/**
 * Container key of the resolver. Unregistered, Node's resolver asks the system's DNS; a
 * host app (or a test) may register its own under this key.
 */
export const DOMAIN_TXT_RESOLVER = "volmifyDomainTxtResolver"

const NO_RECORD = new Set(["ENOTFOUND", "ENODATA", "ENOTIMP", "NXDOMAIN"])

function resolverFrom(container: { resolve: (key: string, opts: { allowUnregistered: boolean }) => unknown }): DomainTxtResolver {
  const registered = container.resolve(DOMAIN_TXT_RESOLVER, { allowUnregistered: true }) as DomainTxtResolver | undefined
  return registered ?? new dns.Resolver({ timeout: 3_000, tries: 2 })
}

/**
 * Checks the claim's TXT record and that no other org holds the hostname verified. Read
 * only; the update is the next step. 404 for another org's claim, 409 when the hostname is
 * verified elsewhere, 400 naming the missing record.
 */
export const checkDomainChallengeStep = createStep(
  "check-org-domain-challenge",
  async ({ org_id, domain_id }: { org_id: string; domain_id: string }, { container }) => {
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [domain] = await orgs.listOrgDomains({ id: domain_id, org_id }, { take: 1 })
    if (!domain) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Domain "${domain_id}" was not found`)
    const [taken] = await orgs.listOrgDomains({ hostname: domain.hostname, verified_at: { $ne: null } }, { take: 1 })
    if (taken && taken.id !== domain.id) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `The hostname "${domain.hostname}" is already verified by another org`)
    }
    if (domain.verified_at) return new StepResponse({ id: domain.id, already_verified: true })
    if (!domain.verification_token) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Domain "${domain.hostname}" has no verification token; remove and add it again`)
    }
    const record = domainChallengeRecord(domain.hostname, domain.verification_token)
    let answer: string[][] = []
    try {
      answer = await resolverFrom(container).resolveTxt(record.name)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code
      if (!code || !NO_RECORD.has(code)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The DNS lookup of ${record.name} failed (${code ?? "error"}); try again later`)
      }
    }
    if (!txtAnswerProves(answer, domain.verification_token)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `No TXT record ${record.name} with the value "${record.value}" was found; create it at your DNS provider (changes may take a while to appear) and verify again`
      )
    }
    return new StepResponse({ id: domain.id, already_verified: false })
  }
)

/** 422 when another org holds the claim's hostname verified (a platform operator's verify). */
export const ensureHostnameFreeStep = createStep(
  "ensure-org-hostname-free",
  async ({ org_id, domain_id }: { org_id: string; domain_id: string }, { container }) => {
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [domain] = await orgs.listOrgDomains({ id: domain_id, org_id }, { take: 1 })
    if (!domain) return new StepResponse(null)
    const [taken] = await orgs.listOrgDomains({ hostname: domain.hostname, verified_at: { $ne: null } }, { take: 1 })
    if (taken && taken.id !== domain.id) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `The hostname "${domain.hostname}" is already verified by another org`)
    }
    return new StepResponse(null)
  }
)
