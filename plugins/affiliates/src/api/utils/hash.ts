import { createHmac } from "node:crypto"

/**
 * IP addresses and user agents are stored only as HMAC-SHA256 hashes, keyed by
 * VOLMIFY_AFFILIATE_HASH_SECRET (else COOKIE_SECRET; a development default otherwise), so
 * clicks from one visitor can be grouped without keeping what identifies them.
 */
export function hashVisitorValue(value: string | null | undefined): string | null {
  if (!value) return null
  const secret = process.env.VOLMIFY_AFFILIATE_HASH_SECRET || process.env.COOKIE_SECRET || "volmify-dev-affiliate-hash"
  return createHmac("sha256", secret).update(value).digest("hex")
}
