import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { subscriptionNow } from "../../../../../../../utils/clock"
import { quoteSubscriptionSwitch } from "../../../../../../../utils/subscription-switch"
import { switchSubscriptionPlanWorkflow } from "../../../../../../../workflows/switch-subscription-plan"
import { ownSubscription } from "../../../../../../utils/own-subscription"
import type { StoreSubscriptionSwitch } from "../../../../../../validators"

/**
 * GET /store/customers/me/subscriptions/:id/switch?variant_id=: what switching to that plan
 * would do now (upgrade charged now with proration, downgrade at period end), to show
 * before the customer confirms. Changes nothing.
 */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const id = await ownSubscription(req)
  const { variant_id } = req.validatedQuery as StoreSubscriptionSwitch
  res.json({ quote: await quoteSubscriptionSwitch(req.scope, { subscription_id: id, variant_id, now: subscriptionNow(req.scope) }) })
}

/**
 * POST /store/customers/me/subscriptions/:id/switch { variant_id }: switch plans. An
 * upgrade charges the prorated difference to the saved method now (a real order) and
 * applies at once; a downgrade applies at the next renewal. A declined charge changes
 * nothing (422).
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreSubscriptionSwitch> & MedusaStoreRequest, res: MedusaResponse) {
  const id = await ownSubscription(req)
  const { result, errors } = await switchSubscriptionPlanWorkflow(req.scope).run({
    input: { subscription_id: id, variant_id: req.validatedBody.variant_id, now: subscriptionNow(req.scope) },
    throwOnError: false,
  })
  if (errors.length) {
    const error: { type?: string; message?: string } | null | undefined = errors[0].error
    // The quote refused the switch (400/404 with its message); anything later is the charge.
    if (errors[0].action === "quote-subscription-switch") {
      throw new MedusaError(error?.type ?? MedusaError.Types.INVALID_DATA, String(error?.message ?? error))
    }
    throw new MedusaError(
      MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
      `The saved payment method could not be charged for the upgrade (${String(error?.message ?? error).slice(0, 200)}); nothing was changed`
    )
  }
  res.json(result)
}
