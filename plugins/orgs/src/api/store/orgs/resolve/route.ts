import { MedusaStoreRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { normalizeHostname } from "../../../../workflows/hostname"

/** A verified domain with its org and the org's API keys (through the org-api-key link). */
type ResolvedDomainRow = {
  hostname: string
  verified_at: Date | string | null
  org: {
    id: string
    handle: string
    name: string
    status: string
    api_keys?: ({ token: string; type: string; revoked_at: Date | string | null; created_at: Date | string } | null)[] | null
  }
}

/**
 * GET /store/orgs/resolve?host=: for a multi-domain storefront, the org answering on a
 * verified hostname: its handle and a publishable key. Any valid publishable key may
 * call it (Medusa requires one on every store route). Unknown or unverified -> 404.
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const host = normalizeHostname((req.validatedQuery as { host: string }).host).replace(/:\d+$/, "")
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [domain],
  }: { data: ResolvedDomainRow[] } = await query.graph({
    entity: "org_domain",
    fields: [
      "hostname",
      "verified_at",
      "org.id",
      "org.handle",
      "org.name",
      "org.status",
      "org.api_keys.token",
      "org.api_keys.type",
      "org.api_keys.revoked_at",
      "org.api_keys.created_at",
    ],
    filters: { hostname: host, verified_at: { $ne: null } },
  })
  if (!domain) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No org answers on "${host}"`)
  }
  const org = domain.org
  if (org.status !== "active") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, `The org "${org.handle}" is suspended`)
  }
  const key = (org.api_keys ?? [])
    .filter((k): k is NonNullable<typeof k> => !!k && k.type === "publishable" && !k.revoked_at)
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))[0]
  if (!key) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `The org "${org.handle}" has no active publishable key`)
  }
  res.json({ org: { id: org.id, handle: org.handle, name: org.name }, hostname: domain.hostname, publishable_key: key.token })
}
