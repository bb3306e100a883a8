import { BlockList, isIP } from "node:net"
import type { IncomingMessage } from "node:http"

/**
 * The client's address for rate limits and click hashes. `X-Forwarded-For` is believed only
 * when it comes from a proxy listed in VOLMIFY_TRUSTED_PROXIES (comma-separated addresses
 * or CIDR ranges, e.g. `10.0.0.0/8,127.0.0.1`): walking the header from the right, each hop
 * appended by a trusted proxy is skipped and the first untrusted one is the client.
 * Unset, the header is ignored and the socket's peer is the client, so a visitor cannot
 * pick a new address per request. (Medusa sets Express's `trust proxy` to one hop, which
 * believes the last entry from anyone: `req.ip` is not used here.)
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList()
  for (const raw of (value ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, prefix] = raw.split("/")
    const family = isIP(address) === 6 ? "ipv6" : isIP(address) === 4 ? "ipv4" : null
    const max = family === "ipv6" ? 128 : 32
    const bits = prefix === undefined ? null : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN
    if (!family || raw.split("/").length > 2 || (bits !== null && !(bits <= max))) {
      throw new Error(`VOLMIFY_TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR range`)
    }
    if (bits === null) list.addAddress(address, family)
    else list.addSubnet(address, bits, family)
  }
  return list
}

const normalize = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1")

const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address) === 6 ? "ipv6" : isIP(address) === 4 ? "ipv4" : null
  return !!family && list.check(address, family)
}

let cached: { source: string | undefined; list: BlockList } | null = null
const trustedFromEnv = () => {
  const source = process.env.VOLMIFY_TRUSTED_PROXIES
  if (!cached || cached.source !== source) cached = { source, list: parseTrustedProxies(source) }
  return cached.list
}

export function clientIp(req: IncomingMessage, trusted: BlockList = trustedFromEnv()): string {
  let address = normalize(req.socket?.remoteAddress ?? "")
  if (!address || !isTrusted(trusted, address)) return address || "unknown"
  const header = req.headers["x-forwarded-for"]
  const hops = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map(normalize).filter(Boolean)
  while (hops.length) {
    const hop = hops.pop()!
    if (!isIP(hop)) return address
    address = hop
    if (!isTrusted(trusted, address)) return address
  }
  return address
}
