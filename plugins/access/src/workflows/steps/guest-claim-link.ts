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
      metadata: { [GUEST_CLAIM_USED_METADATA_KEY]: undo.previous as any },
    })
  }
)

export type SendClaimLinkInput = {
  customer_id: string
  email: string
  org_id: string
  token: string
  claim_url: string | null
  /** One email per account, org and window: a repeated request in the window sends nothing. */
  idempotency_key: string
}

/** Emails the claim link through Medusa's notification module (channel `email`). */
export const sendGuestClaimLinkStep = createStep(
  "send-guest-claim-link",
  async (input: SendClaimLinkInput, { container }) => {
    const notifications = container.resolve(Modules.NOTIFICATION)
    const [existing] = await notifications.listNotifications({ idempotency_key: input.idempotency_key } as any, { select: ["id"] })
    if (existing) return new StepResponse({ sent: false })
    await notifications.createNotifications({
      to: input.email,
      channel: "email",
      template: "guest-claim-link",
      receiver_id: input.customer_id,
      resource_type: "org",
      resource_id: input.org_id,
      idempotency_key: input.idempotency_key,
      data: { token: input.token, claim_url: input.claim_url },
    })
    return new StepResponse({ sent: true })
  }
)
