import { domainChallengeRecord, type DomainTxtRecord } from "../../rules/domain-verification"

export type DomainRow = { id: string; hostname: string; is_primary: boolean; verified_at: string | Date | null; verification_token?: string | null }

/**
 * A domain as the org's admins see it: the TXT record to create while it is unverified
 * (the token is shown to the org's own staff only, on org-scoped routes).
 */
export function presentDomain<T extends DomainRow>(domain: T) {
  const { verification_token, ...rest } = domain
  const verification: DomainTxtRecord | null =
    !domain.verified_at && verification_token ? domainChallengeRecord(domain.hostname, verification_token) : null
  return { ...rest, verification }
}
