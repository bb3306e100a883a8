import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import OrgPromotionLink from "../../links/org-promotion"
import { decidePromoCode } from "../../rules/promo-code"
import { findStoreOrg } from "../utils/store-org"

/** A promotion as read below (Medusa's promotion with its campaign's dates). */
type PromotionRow = {
  id: string
  code: string
  status?: string | null
  limit?: number | null
  used?: number | null
  campaign?: { starts_at?: Date | string | null; ends_at?: Date | string | null } | null
}

/**
 * Promotion codes sent to a cart (`promo_codes` of POST /store/carts, /store/carts/:id and
 * /store/carts/:id/promotions) must be promotions of the key's org, active, in their
 * campaign's dates and not used up; otherwise a 400 naming the code and why, before Medusa
 * applies anything (rules/promo-code.ts). Runs after core's body validation and after the
 * store-scope guard has matched the cart to the key's org. Removing codes is not checked.
 */
export async function checkPromoCodesForOrg(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.validatedBody ?? req.body ?? {}) as { promo_codes?: unknown }
  const codes = Array.isArray(body.promo_codes) ? [...new Set(body.promo_codes.filter((c): c is string => typeof c === "string"))] : []
  if (!codes.length) {
    return next()
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [org, { data: promotions }]: [Awaited<ReturnType<typeof findStoreOrg>>, { data: PromotionRow[] }] = await Promise.all([
    findStoreOrg(req),
    query.graph({
      entity: "promotion",
      fields: ["id", "code", "status", "limit", "used", "campaign.starts_at", "campaign.ends_at"],
      filters: { code: codes },
    }),
  ])
  const { data: links }: { data: { org_id: string; promotion_id: string }[] } = promotions.length
    ? await query.graph({
        entity: OrgPromotionLink.entryPoint,
        fields: ["org_id", "promotion_id"],
        filters: { promotion_id: promotions.map((p) => p.id) },
      })
    : { data: [] }
  const ownerOf = new Map<string, string>(links.map((l) => [l.promotion_id, l.org_id]))
  const byCode = new Map<string, PromotionRow>(promotions.map((p) => [p.code, p]))
  for (const code of codes) {
    const promotion = byCode.get(code)
    const decision = decidePromoCode({
      code,
      promotion: promotion
        ? {
            status: promotion.status ?? null,
            limit: promotion.limit ?? null,
            used: promotion.used ?? null,
            campaign_starts_at: promotion.campaign?.starts_at ?? null,
            campaign_ends_at: promotion.campaign?.ends_at ?? null,
          }
        : null,
      owner_org_id: promotion ? ownerOf.get(promotion.id) ?? null : null,
      cart_org_id: org?.id ?? null,
    })
    if (!decision.ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, decision.message)
    }
  }
  next()
}
