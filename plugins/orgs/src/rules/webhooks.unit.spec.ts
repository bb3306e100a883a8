import {
  allowlistKey,
  isBlockedAddress,
  nextAttemptAt,
  retryDelayMs,
  shouldDisableEndpoint,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_RETRY_WINDOW_MS,
  webhookUrlProblem,
} from "./webhooks"

describe("webhook rules", () => {
  it("refuses loopback, private, link-local, metadata and reserved addresses, v4 and v6", () => {
    for (const ip of [
      "127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
      "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:7f00:1", "not-an-ip",
    ]) expect([ip, isBlockedAddress(ip)]).toEqual([ip, true])
  })

  it("lets public addresses through", () => {
    for (const ip of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect([ip, isBlockedAddress(ip)]).toEqual([ip, false])
    }
  })

  it("checks the URL's form: http(s) only, https in production, no credentials", () => {
    expect(webhookUrlProblem("https://hooks.example.com/in", { production: true })).toBeNull()
    expect(webhookUrlProblem("http://hooks.example.com/in", { production: false })).toBeNull()
    expect(webhookUrlProblem("http://hooks.example.com/in", { production: true })).toMatch(/https/)
    expect(webhookUrlProblem("ftp://hooks.example.com", { production: false })).toMatch(/https/)
    expect(webhookUrlProblem("file:///etc/passwd", { production: false })).toMatch(/https/)
    expect(webhookUrlProblem("https://u:p@hooks.example.com", { production: false })).toMatch(/user name or password/)
    expect(webhookUrlProblem("not a url", { production: false })).toMatch(/absolute/)
  })

  it("keys the allowlist by host as written and port", () => {
    expect(allowlistKey(new URL("http://127.0.0.1:4000/x"))).toBe("127.0.0.1:4000")
    expect(allowlistKey(new URL("https://LocalHost/x"))).toBe("localhost:443")
  })

  it("signs timestamp.body and verifies it, refusing other bodies, secrets and old timestamps", () => {
    const body = JSON.stringify({ a: 1 })
    const now = 1_800_000_000_000
    const ts = now / 1000
    const header = `v1=${signWebhook("s3cret", ts, body)}`
    expect(verifyWebhookSignature({ secret: "s3cret", header, timestamp: String(ts), body, now })).toBe(true)
    expect(verifyWebhookSignature({ secret: "s3cret", header, timestamp: String(ts), body: body + " ", now })).toBe(false)
    expect(verifyWebhookSignature({ secret: "other", header, timestamp: String(ts), body, now })).toBe(false)
    expect(verifyWebhookSignature({ secret: "s3cret", header, timestamp: String(ts), body, now: now + 301_000 })).toBe(false)
  })

  it("backs off and keeps retrying for 3 days, the last attempt at the window's end", () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000])
    const start = new Date("2026-01-01T00:00:00Z")
    let now = start
    let attempts = 0
    let next: Date | null = start
    while (next) {
      now = next
      attempts++
      next = nextAttemptAt(start, attempts, now)
    }
    expect(now.getTime() - start.getTime()).toBe(WEBHOOK_RETRY_WINDOW_MS)
    expect(attempts).toBeGreaterThan(8)
  })

  it("disables an endpoint after 3 days of failures, not before", () => {
    const since = new Date("2026-01-01T00:00:00Z")
    expect(shouldDisableEndpoint(null, new Date("2026-02-01T00:00:00Z"))).toBe(false)
    expect(shouldDisableEndpoint(since, new Date(since.getTime() + WEBHOOK_RETRY_WINDOW_MS - 1))).toBe(false)
    expect(shouldDisableEndpoint(since, new Date(since.getTime() + WEBHOOK_RETRY_WINDOW_MS))).toBe(true)
  })
})
