import type { MedusaStoreRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordAffiliateClickWorkflow } from "../../../../workflows/record-affiliate-click"
import { clientIp } from "@volmify/orgs/security"
import { hashVisitorValue } from "../../../utils/hash"
import { resolveStoreOrg } from "../../../utils/tenancy"

/**
 * POST /store/affiliates/clicks { code, landing_url } -> { click: { id, code, clicked_at,
 * expires_at }, attribution_model, cookie_window_days }. The storefront keeps `click` in a
 * first-party cookie until `expires_at`. IP and user agent are stored as HMAC hashes only;
 * the IP is the client's as far as trusted proxies say (VOLMIFY_TRUSTED_PROXIES). A repeat
 * click by the same visitor within the dedupe window answers the click already recorded.
 */
export async function POST(req: MedusaStoreRequest<{ code: string; landing_url?: string | null }>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { result } = await recordAffiliateClickWorkflow(req.scope).run({
    input: {
      org_id: org.id,
      code: req.validatedBody.code,
      landing_url: req.validatedBody.landing_url ?? null,
      ip_hash: hashVisitorValue(clientIp(req)),
      user_agent_hash: hashVisitorValue(req.headers["user-agent"] as string | undefined),
    },
  })
  const { org_id, affiliate_id, ...body } = result
  res.status(201).json(body)
}
