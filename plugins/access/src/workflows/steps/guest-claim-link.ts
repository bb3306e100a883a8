import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GUEST_CLAIM_USED_METADATA_KEY, withClaimLinkUsed } from "../../rules/guest-claim"

export type MarkClaimLinkUsedInput = {
  customer_id: string
  org_id: string
  issued_at: number
  metadata: Record<string, unknown> | null
}

/**
 * Records a claim link as used (one customer metadata key; Medusa merges metadata, so other
 * keys are untouched). Compensation writes that key's previous value back, or removes it
 * ("" deletes a key in Medusa's metadata merge).
 */
export const markGuestClaimLinkUsedStep = createStep(
  "mark-guest-claim-link-used",
  async (input: MarkClaimLinkUsedInput, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const used = withClaimLinkUsed(input.metadata, input.org_id, input.issued_at)[GUEST_CLAIM_USED_METADATA_KEY]
    await customers.updateCustomers(input.customer_id, { metadata: { [GUEST_CLAIM_USED_METADATA_KEY]: used } })
    const previous = (input.metadata ?? {})[GUEST_CLAIM_USED_METADATA_KEY] ?? ""
    return new StepResponse(input.issued_at, { customer_id: input.customer_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve(Modules.CUSTOMER).updateCustomers(undo.customer_id, {
      metadata: { [GUEST_CLAIM_USED_METADATA_KEY]: undo.previous },
    })
  }
)

export type SendClaimLinkInput = {
  customer_id: string
  email: string
  org_id: string
  token: string
  /** One email per account, org and window: a repeated request in the window sends nothing. */
  idempotency_key: string
}

// @volmify/orgs renders and sends every email in the org's brand (its email/ folder).
import { sendEmail } from "@volmify/orgs/email"

/**
 * Emails the claim link in the org's brand (@volmify/orgs/email, channel `email`). The
 * link goes to the org's own storefront (its verified primary domain, else
 * STOREFRONT_URL), never to an address the request named.
 */
export const sendGuestClaimLinkStep = createStep(
  "send-guest-claim-link",
  async (input: SendClaimLinkInput, { container }) => {
    const sent = await sendEmail(container, {
      org_id: input.org_id,
      to: input.email,
      template: "guest-claim-link",
      receiver_id: input.customer_id,
      resource: { type: "org", id: input.org_id },
      idempotency_key: input.idempotency_key,
      data: (brand) => ({ url: `${brand.storefront_url}/account/claim?token=${encodeURIComponent(input.token)}` }),
    })
    return new StepResponse({ sent })
  }
)
