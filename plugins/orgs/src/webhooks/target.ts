import { lookup } from "node:dns/promises"
import { isIP } from "node:net"
import { allowlistKey, isBlockedAddress, parseAllowlist, webhookUrlProblem } from "../rules/webhooks"

/** The development/test allowlist variable; refused in production (see assertWebhookConfig). */
export const WEBHOOK_ALLOWLIST_ENV = "VOLMIFY_WEBHOOK_ALLOW_PRIVATE"

const isProduction = () => process.env.NODE_ENV === "production"

/** Refuses the dev/test allowlist in production: a private address must never be reachable there. */
export function assertWebhookConfig() {
  if (isProduction() && (process.env[WEBHOOK_ALLOWLIST_ENV] ?? "").trim()) {
    throw new Error(`${WEBHOOK_ALLOWLIST_ENV} is for development and tests only; unset it in production`)
  }
}

export type WebhookTarget =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; problem: string }

/**
 * Checks an endpoint URL and resolves its host once: every address it resolves to must be
 * public (else the URL is refused), and the caller connects to the address returned here
 * (pinned), so a DNS answer that changes between the check and the connection cannot
 * redirect a delivery to a private network. Entries of the dev/test allowlist (host as
 * written and port) skip the address check; never in production.
 */
export async function resolveWebhookTarget(raw: string): Promise<WebhookTarget> {
  assertWebhookConfig()
  const problem = webhookUrlProblem(raw, { production: isProduction() })
  if (problem) return { ok: false, problem }
  const url = new URL(raw)
  const host = url.hostname.replace(/^\[|\]$/g, "")
  const allowed = parseAllowlist(process.env[WEBHOOK_ALLOWLIST_ENV]).has(allowlistKey(url))
  let addresses: { address: string; family: number }[]
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }]
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true })
    } catch {
      return { ok: false, problem: `url host "${host}" does not resolve` }
    }
  }
  if (!addresses.length) return { ok: false, problem: `url host "${host}" does not resolve` }
  if (!allowed) {
    const bad = addresses.find((a) => isBlockedAddress(a.address))
    if (bad) {
      return { ok: false, problem: `url must not point at a private, loopback or link-local address (${host} is ${bad.address})` }
    }
  }
  return { ok: true, url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 }
}
