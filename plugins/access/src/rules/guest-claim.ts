import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * Guest claims: access bought as a guest (on Medusa's guest customer record for that email)
 * moves to the account with the same email only with proof of the address. Two proofs:
 * - the guest order token of @volmify/orgs (the browser that placed the order), for that order;
 * - a claim link emailed to the account's address (this file's token), for every guest
 *   order of that email in the link's org. A link is one-time: it carries its issue time
 *   and a claim records the newest issue time used (customer metadata, per org).
 */
export const GUEST_CLAIM_LINK_TTL_SECONDS = 24 * 60 * 60
/** Customer metadata key: org id -> issue time (unix s) of the newest claim link used. */
export const GUEST_CLAIM_USED_METADATA_KEY = "volmify_guest_claim_links_used"

export type ClaimLink = { customer_id: string; org_id: string; issued_at: number; expires_at: number }

export function deriveGuestClaimLinkKey(jwtSecret: string): Buffer {
  return createHmac("sha256", jwtSecret).update("volmify:guest-claim-link:v1").digest()
}

const normalEmail = (email: string) => email.trim().toLowerCase()

const mac = (key: Buffer, link: ClaimLink, email: string) =>
  createHmac("sha256", key)
    .update([link.customer_id, link.org_id, normalEmail(email), link.issued_at, link.expires_at].join("\n"))
    .digest("hex")

/** `gc1.<customer>.<org>.<issued>.<expires>.<HMAC>`, bound to the address it is sent to. */
export function signGuestClaimLink(
  key: Buffer,
  { customer_id, org_id, email }: { customer_id: string; org_id: string; email: string },
  now: Date = new Date(),
  ttlSeconds = GUEST_CLAIM_LINK_TTL_SECONDS
): { token: string; link: ClaimLink } {
  const issued_at = Math.floor(now.getTime() / 1000)
  const link = { customer_id, org_id, issued_at, expires_at: issued_at + ttlSeconds }
  return {
    token: `gc1.${customer_id}.${org_id}.${issued_at}.${link.expires_at}.${mac(key, link, email)}`,
    link,
  }
}

export type ClaimLinkCheck =
  | { ok: true; link: ClaimLink }
  | { ok: false; status: 400 | 403 | 409; message: string }

/**
 * Whether a claim link may be used now by `customer` (logged in) on the store of `org_id`:
 * well-formed and signed for this account's current email, not expired, same org, and
 * newer than the last link this account used there (one-time).
 */
export function checkGuestClaimLink(
  key: Buffer,
  token: string,
  caller: { customer_id: string; email: string; org_id: string; used_issued_at: number | null },
  now: Date = new Date()
): ClaimLinkCheck {
  const m = /^gc1\.([A-Za-z0-9_]{1,100})\.([A-Za-z0-9_]{1,100})\.(\d{1,12})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(token)
  if (!m) return { ok: false, status: 400, message: "The claim link is malformed" }
  const link: ClaimLink = { customer_id: m[1], org_id: m[2], issued_at: Number(m[3]), expires_at: Number(m[4]) }
  if (link.customer_id !== caller.customer_id) {
    return { ok: false, status: 403, message: "This claim link was sent to another account: log in with the email it was sent to" }
  }
  const expected = Buffer.from(mac(key, link, caller.email), "hex")
  if (!timingSafeEqual(expected, Buffer.from(m[5], "hex"))) {
    return { ok: false, status: 403, message: "The claim link is not valid for this account's email" }
  }
  if (link.org_id !== caller.org_id) {
    return { ok: false, status: 403, message: "This claim link is for another store" }
  }
  const nowS = now.getTime() / 1000
  if (link.expires_at <= nowS || link.expires_at - link.issued_at > GUEST_CLAIM_LINK_TTL_SECONDS) {
    return { ok: false, status: 403, message: "The claim link has expired: ask for a new one" }
  }
  if (caller.used_issued_at !== null && link.issued_at <= caller.used_issued_at) {
    return { ok: false, status: 409, message: "This claim link was already used" }
  }
  return { ok: true, link }
}

/** The issue time of the newest claim link used in `org_id`, from customer metadata. */
export function usedClaimLinkIssuedAt(metadata: Record<string, unknown> | null | undefined, org_id: string): number | null {
  const used = (metadata ?? {})[GUEST_CLAIM_USED_METADATA_KEY] as Record<string, unknown> | undefined
  const value = used && typeof used === "object" ? used[org_id] : undefined
  return typeof value === "number" && Number.isFinite(value) ? value : null
}

/** Customer metadata with `issued_at` recorded as used for `org_id` (other keys kept). */
export function withClaimLinkUsed(metadata: Record<string, unknown> | null | undefined, org_id: string, issued_at: number) {
  const used = { ...((metadata ?? {})[GUEST_CLAIM_USED_METADATA_KEY] as Record<string, number> | undefined) }
  used[org_id] = Math.max(issued_at, used[org_id] ?? 0)
  return { ...(metadata ?? {}), [GUEST_CLAIM_USED_METADATA_KEY]: used }
}

export type GuestOrderFacts = { id: string; email: string | null; sales_channel_id: string | null; customer_id: string | null }

export type OrderClaimDecision =
  | { allowed: true }
  | { allowed: false; status: 403 | 404; message: string }

/**
 * The order-token proof: the order must be of this org's sales channel (else 404, nothing
 * confirmed), placed with the account's email (403), and held by a guest record, or
 * already by this account (then there is nothing left to move).
 */
export function decideOrderClaim(
  order: GuestOrderFacts | null,
  account: { id: string; email: string },
  org: { sales_channel_id: string },
  guestCustomerIds: Set<string>
): OrderClaimDecision {
  if (!order || order.sales_channel_id !== org.sales_channel_id) {
    return { allowed: false, status: 404, message: `Order with id: ${order?.id ?? "?"} was not found` }
  }
  if (!order.email || normalEmail(order.email) !== normalEmail(account.email)) {
    return { allowed: false, status: 403, message: "This order was placed with another email address: log in with that email to keep it" }
  }
  if (order.customer_id !== account.id && !guestCustomerIds.has(order.customer_id ?? "")) {
    return { allowed: false, status: 404, message: `Order with id: ${order.id} was not found` }
  }
  return { allowed: true }
}
