import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { createAffiliateRecordsStep, recordsOf } from "./steps/records"
import { findActiveAffiliateByCode } from "./steps/find-active-affiliate"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

export type AttachReferralInput = { org_id: string; cart_id: string; code: string; click_id?: string | null }

const planReferralStep = createStep("plan-cart-referral", async (input: AttachReferralInput, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  }: { data: { id: string; sales_channel_id: string | null; completed_at: Date | string | null }[] } = await query.graph({
    entity: "cart",
    fields: ["id", "sales_channel_id", "completed_at"],
    filters: { id: input.cart_id },
  })
  const {
    data: [org],
  }: { data: { id: string }[] } = cart
    ? await query.graph({ entity: "org", fields: ["id"], filters: { sales_channel_id: cart.sales_channel_id } })
    : { data: [] }
  if (!cart || org?.id !== input.org_id) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart "${input.cart_id}" was not found`)
  if (cart.completed_at) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart "${input.cart_id}" is already completed`)
  const { affiliate } = await findActiveAffiliateByCode(container, input.org_id, input.code)
  let touchedAt = new Date()
  if (input.click_id) {
    const [click] = await svc(container).listAffiliateClicks({ id: input.click_id })
    if (!click || click.affiliate_id !== affiliate.id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `click_id "${input.click_id}" is not a click on code "${affiliate.code}"`)
    }
    touchedAt = new Date(click.clicked_at)
  }
  const [existing] = await svc(container).listAffiliateReferrals({
    cart_id: cart.id,
    affiliate_id: affiliate.id,
    click_id: input.click_id ?? null,
  })
  return new StepResponse({
    existing: existing ?? null,
    row: { org_id: input.org_id, cart_id: cart.id, affiliate_id: affiliate.id, click_id: input.click_id ?? null, touched_at: touchedAt },
    code: affiliate.code as string,
  })
})

/**
 * Attaches a referral (the storefront's cookie: code and click) to a cart. Every attach is
 * a touch; at order time the program's model (first or last click) and window decide.
 * Attaching the same click twice is harmless.
 */
export const attachCartReferralWorkflow = createWorkflow("attach-cart-referral", (input: AttachReferralInput) => {
  const plan = planReferralStep(input)
  const created = when({ plan }, ({ plan }) => !plan.existing).then(() =>
    createAffiliateRecordsStep(transform({ plan }, ({ plan }) => ({ model: "referral" as const, data: [plan.row] })))
  )
  return new WorkflowResponse(
    transform({ plan, created }, ({ plan, created }) => {
      const r = plan.existing ?? recordsOf("referral", created!)[0]
      return { id: r.id, cart_id: r.cart_id, code: plan.code, click_id: r.click_id, touched_at: r.touched_at }
    })
  )
})
