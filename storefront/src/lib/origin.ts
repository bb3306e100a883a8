import "./server-only"
import { SITE_URL } from "./config"
import { requestHeader } from "./request-scope"

/**
 * The site's origin (scheme and host) for canonical URLs, the sitemap and JSON-LD: the pinned
 * VOLMIFY_SITE_URL of a per-org deployment, else this request's host (the same host the org
 * was resolved from, lib/tenant.ts). Read through lib/request-scope.ts, so it works on both
 * routers (the Pages Router's course and lesson pages have no `next/headers`).
 */
export async function siteOrigin(): Promise<string> {
  if (SITE_URL) return SITE_URL.replace(/\/+$/, "")
  const host = (await requestHeader("x-forwarded-host")) ?? (await requestHeader("host")) ?? "localhost"
  const proto = (await requestHeader("x-forwarded-proto"))?.split(",")[0]?.trim() || (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https")
  return `${proto}://${host}`
}
