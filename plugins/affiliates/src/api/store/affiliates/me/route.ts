import type { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../../../modules/affiliates"
import { presentAffiliate, presentCommission, presentProgram, summariseEarnings } from "../../../utils/present"
import { resolveStoreOrg } from "../../../utils/tenancy"

/**
 * GET /store/affiliates/me -> { program, affiliate, clicks, orders, earnings, commissions }
 * for the logged-in customer in this store's program (`affiliate: null` before applying).
 */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const service = req.scope.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
  const [program] = await service.listAffiliatePrograms({ org_id: org.id })
  const [affiliate] = await service.listAffiliates({ org_id: org.id, customer_id: req.auth_context.actor_id })
  const publicProgram = (({ enabled, cookie_window_days, attribution_model, hold_days, approval }) => ({
    enabled,
    cookie_window_days,
    attribution_model,
    hold_days,
    approval,
  }))(presentProgram(program, org.id))
  if (!affiliate) {
    return res.json({ program: publicProgram, affiliate: null, clicks: 0, orders: 0, earnings: [], commissions: [] })
  }
  const [, clicks] = await service.listAndCountAffiliateClicks({ affiliate_id: affiliate.id }, { take: 1 })
  const commissions = await service.listAffiliateCommissions({ affiliate_id: affiliate.id }, { order: { created_at: "DESC" }, take: 1000 })
  const { customer_id, ...mine } = presentAffiliate(affiliate)
  res.json({
    program: publicProgram,
    affiliate: mine,
    clicks,
    orders: new Set(commissions.filter((c) => !(c.flags ?? []).includes("self_referral")).map((c) => c.order_id)).size,
    earnings: summariseEarnings(commissions),
    commissions: commissions.slice(0, 50).map((c) => {
      // The affiliate sees what they earned, not whose order it was.
      const { id, product_id, currency_code, base_amount, amount, clawed_back_amount, status, ordered_at, hold_until, approved_at, paid_at } =
        presentCommission(c)
      return { id, product_id, currency_code, base_amount, amount, clawed_back_amount, status, ordered_at, hold_until, approved_at, paid_at }
    }),
  })
}
