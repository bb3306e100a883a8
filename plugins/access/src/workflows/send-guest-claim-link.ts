import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendGuestClaimLinkStep } from "./steps/guest-claim-link"
import { planGuestClaimStep } from "./steps/plan-guest-claim"

export type SendGuestClaimLinkInput = {
  customer_id: string
  org_id: string
  /** The signed link token (routes sign it with the app's secret). */
  token: string
  idempotency_key: string
}

/**
 * Emails a one-time claim link to the account's own address when guest purchases of that
 * address exist in the org; nothing is sent otherwise (the caller's answer does not say
 * which, so an account cannot probe what an email bought).
 */
export const sendGuestClaimLinkWorkflow = createWorkflow("send-guest-claim-link", (input: SendGuestClaimLinkInput) => {
  const plan = planGuestClaimStep(
    transform({ input }, ({ input }) => ({ customer_id: input.customer_id, org_id: input.org_id, order_id: null }))
  )
  const sent = when({ plan }, ({ plan }) => plan.ids.length > 0).then(() =>
    sendGuestClaimLinkStep(
      transform({ input, plan }, ({ input, plan }) => ({
        customer_id: input.customer_id,
        email: plan.account.email,
        org_id: input.org_id,
        token: input.token,
        idempotency_key: input.idempotency_key,
      }))
    )
  )
  return new WorkflowResponse(transform({ sent }, ({ sent }) => ({ sent: !!sent?.sent })))
})
