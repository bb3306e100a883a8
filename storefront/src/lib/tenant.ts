import "./server-only"
import { BACKEND_URL, PINNED_KEY, RESOLVER_KEY } from "./config"
import { perRequest, requestHeader } from "./request-scope"

export type Tenant = { key: string; handle?: string }

export class TenantNotFound extends Error {}

/**
 * The org this request serves: pinned by env for a per-org deployment, else resolved
 * from the Host header (verified domains only).
 */
export const getTenant = perRequest(async (): Promise<Tenant> => {
  if (PINNED_KEY) {
    return { key: PINNED_KEY }
  }
  const host = (await requestHeader("x-forwarded-host")) ?? (await requestHeader("host")) ?? ""
  if (!RESOLVER_KEY || !host) {
    throw new TenantNotFound("This storefront has no org configured (set NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY).")
  }
  const res = await fetch(`${BACKEND_URL}/store/orgs/resolve?host=${encodeURIComponent(host)}`, {
    headers: { "x-publishable-api-key": RESOLVER_KEY },
    next: { revalidate: 60 },
  })
  if (!res.ok) {
    throw new TenantNotFound(`No school answers on ${host}.`)
  }
  const body = await res.json()
  return { key: body.publishable_key, handle: body.org.handle }
})
