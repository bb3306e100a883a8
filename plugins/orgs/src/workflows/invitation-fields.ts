import { DEFAULT_INVITATION_DAYS } from "../rules/invitation-token"

export const DAY_MS = 24 * 60 * 60 * 1000
export const expiry = (days?: number) => new Date(Date.now() + (days ?? DEFAULT_INVITATION_DAYS) * DAY_MS)
export const PUBLIC_FIELDS = <T extends { token_hash?: unknown }>(inv: T): Omit<T, "token_hash"> => {
  const { token_hash: _hidden, ...rest } = inv
  return rest
}
