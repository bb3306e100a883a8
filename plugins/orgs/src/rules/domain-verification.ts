/**
 * Domain verification by DNS. The admin shows one TXT record per claim; the claim is
 * verified once that record is found. Pure: the lookup is passed in.
 */
export const DOMAIN_CHALLENGE_PREFIX = "_volmify-challenge"
export const DOMAIN_CHALLENGE_VALUE_PREFIX = "volmify-domain-verification="

export type DomainTxtRecord = { type: "TXT"; name: string; value: string }

/** The record an org must publish to prove it controls `hostname`. */
export function domainChallengeRecord(hostname: string, token: string): DomainTxtRecord {
  return { type: "TXT", name: `${DOMAIN_CHALLENGE_PREFIX}.${hostname}`, value: `${DOMAIN_CHALLENGE_VALUE_PREFIX}${token}` }
}

/**
 * Whether the TXT answer (as Node's resolver gives it: each record a list of strings, to
 * be joined) carries the token's value exactly.
 */
export function txtAnswerProves(answer: string[][], token: string): boolean {
  const expected = `${DOMAIN_CHALLENGE_VALUE_PREFIX}${token}`
  return answer.some((chunks) => chunks.join("").trim() === expected)
}
