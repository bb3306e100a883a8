import type { IncomingMessage } from "node:http"
import { clientIp, parseTrustedProxies } from "./client-ip"

const req = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded } }) as unknown as IncomingMessage

describe("clientIp: X-Forwarded-For only from trusted proxies", () => {
  it("ignores the header when no proxy is trusted (a visitor cannot pick a new address per request)", () => {
    const none = parseTrustedProxies("")
    expect(clientIp(req("203.0.113.5", "1.2.3.4"), none)).toBe("203.0.113.5")
    expect(clientIp(req("::ffff:203.0.113.5", "1.2.3.4"), none)).toBe("203.0.113.5")
  })

  it("walks the header from the right past trusted hops (addresses and CIDR ranges, v4 and v6)", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1")
    expect(clientIp(req("127.0.0.1", "198.51.100.7"), trusted)).toBe("198.51.100.7")
    // The left-most entries are whatever the client sent: only the hop before our proxies counts.
    expect(clientIp(req("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.0.0.9"), trusted)).toBe("198.51.100.7")
    expect(clientIp(req("::1", "2001:db8::1"), trusted)).toBe("2001:db8::1")
    // All hops trusted: the left-most one.
    expect(clientIp(req("127.0.0.1", "10.0.0.2"), trusted)).toBe("10.0.0.2")
    // Garbage in the header stops the walk at the last good address.
    expect(clientIp(req("127.0.0.1", "not-an-ip"), trusted)).toBe("127.0.0.1")
    // An untrusted peer's header is ignored.
    expect(clientIp(req("192.0.2.1", "198.51.100.7"), trusted)).toBe("192.0.2.1")
  })

  it("refuses a malformed proxy list, naming the entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8,proxy.local")).toThrow(/"proxy\.local" is not an IP address or CIDR range/)
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/8", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(`"${bad}" is not an IP address or CIDR range`)
    }
    expect(() => parseTrustedProxies(" 10.0.0.0/8 , ::1/128 ,")).not.toThrow()
  })
})
