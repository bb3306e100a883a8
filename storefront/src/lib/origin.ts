import "server-only"
import { headers } from "next/headers"
import { SITE_URL } from "./config"

/**
 * The site's origin (scheme and host) for canonical URLs, sitemap and JSON-LD: the pinned
 * VOLMIFY_SITE_URL of a per-org deployment, else this request's host (the same host the
 * org was resolved from, lib/tenant.ts).
 */
export async function siteOrigin(): Promise<string> {
  if (SITE_URL) return SITE_URL.replace(/\/+$/, "")
  const h = await headers()
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https")
  return `${proto}://${host}`
}
