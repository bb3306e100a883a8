import type { MedusaStoreRequest, MedusaResponse } from "@medusajs/framework/http"
import { attachCartReferralWorkflow } from "../../../../../workflows/attach-cart-referral"
import { resolveStoreOrg } from "../../../../utils/tenancy"

/** POST /store/carts/:id/referral { code, click_id? } -> { referral }: a referral touch on the cart. */
export async function POST(req: MedusaStoreRequest<{ code: string; click_id?: string | null }>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { result } = await attachCartReferralWorkflow(req.scope).run({
    input: { org_id: org.id, cart_id: req.params.id, code: req.validatedBody.code, click_id: req.validatedBody.click_id ?? null },
  })
  res.json({ referral: result })
}
