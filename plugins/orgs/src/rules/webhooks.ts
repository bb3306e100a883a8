import { createHmac, timingSafeEqual } from "node:crypto"
import { BlockList, isIP } from "node:net"

/**
 * Outbound webhooks: the rules (events an org may subscribe to, signature, retry schedule,
 * which addresses a delivery may reach). Pure functions; the module, workflows and routes
 * apply them.
 */

export { WEBHOOK_EVENTS, type WebhookEvent } from "./webhook-events"

/** Headers every delivery carries. */
export const WEBHOOK_HEADERS = {
  id: "volmify-webhook-id",
  event: "volmify-webhook-event",
  timestamp: "volmify-webhook-timestamp",
  signature: "volmify-webhook-signature",
} as const

/** A delivery keeps being retried until this long after its first attempt was due (3 days). */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000
/** An endpoint whose deliveries have failed without a success for this long is disabled. */
export const WEBHOOK_DISABLE_AFTER_MS = WEBHOOK_RETRY_WINDOW_MS
/** A receiver has this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000

const MINUTE = 60_000
/** Wait before attempt n+1 after n failed attempts: 1 min, 5 min, 30 min, 2 h, 5 h, then every 10 h. */
const BACKOFF_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 300 * MINUTE, 600 * MINUTE]

export function retryDelayMs(failedAttempts: number): number {
  const i = Math.max(1, failedAttempts) - 1
  return BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]
}

/**
 * After a failed attempt: the next attempt's time, or null when the delivery gives up (its
 * next attempt would fall after the 3-day window that started when it was first due).
 * The last attempt is made at the end of the window, so it is retried for at least 3 days.
 */
export function nextAttemptAt(firstDueAt: Date, failedAttempts: number, now: Date): Date | null {
  const end = firstDueAt.getTime() + WEBHOOK_RETRY_WINDOW_MS
  if (now.getTime() >= end) return null
  return new Date(Math.min(now.getTime() + retryDelayMs(failedAttempts), end))
}

/** Whether an endpoint failing since `failingSince` is to be disabled at `now`. */
export function shouldDisableEndpoint(failingSince: Date | null, now: Date): boolean {
  return !!failingSince && now.getTime() - failingSince.getTime() >= WEBHOOK_DISABLE_AFTER_MS
}

/** The signature of a delivery: hex HMAC-SHA256 with the endpoint's secret over `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")
}

/**
 * What a receiver does (documented in the README): recompute the signature over the raw
 * body and refuse old timestamps (replays). `header` is `v1=<hex>`.
 */
export function verifyWebhookSignature(
  { secret, header, timestamp, body, now = Date.now(), toleranceSeconds = 300 }:
  { secret: string; header: string; timestamp: string; body: string; now?: number; toleranceSeconds?: number }
): boolean {
  const ts = Number(timestamp)
  if (!Number.isInteger(ts) || Math.abs(now / 1000 - ts) > toleranceSeconds) return false
  const expected = Buffer.from(`v1=${signWebhook(secret, ts, body)}`)
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

// Addresses no delivery may reach: loopback, private, carrier-grade NAT, link-local (cloud
// metadata 169.254.169.254 and fd00:ec2::254 included), multicast, reserved, documentation.
const blocked = new BlockList()
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4")
for (const [net, prefix] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, prefix, "ipv6")

/** Whether `ip` (v4 or v6, IPv4-mapped v6 unwrapped) is an address deliveries must not reach. */
export function isBlockedAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return isBlockedAddress(mapped[1])
  const family = isIP(ip)
  if (family === 4) return blocked.check(ip, "ipv4")
  if (family === 6) {
    // ::ffff:7f00:1 (hex form of a mapped IPv4 address) is refused like the address it maps.
    if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/i.test(ip)) return true
    return blocked.check(ip, "ipv6")
  }
  return true
}

export type WebhookUrlProblem = string | null

/**
 * What is wrong with an endpoint URL before DNS (null when nothing): only http(s), https in
 * production, no credentials, a host. The address check comes after resolving it.
 */
export function webhookUrlProblem(raw: string, { production }: { production: boolean }): WebhookUrlProblem {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return "url must be an absolute http(s) URL"
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "url must use https"
  if (production && url.protocol !== "https:") return "url must use https"
  if (url.username || url.password) return "url must not carry a user name or password"
  if (!url.hostname) return "url must name a host"
  return null
}

/**
 * The development/test allowlist (`VOLMIFY_WEBHOOK_ALLOW_PRIVATE`): comma-separated
 * `host:port` entries that may be reached although they are private (a local receiver).
 * Matched against the URL's host as written and its port, never its resolved address.
 */
export function parseAllowlist(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)
  )
}

export function allowlistKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80")
  return `${url.hostname.toLowerCase()}:${port}`
}
