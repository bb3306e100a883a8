import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE } from "../modules/affiliates"
import { createAffiliateRecordsStep } from "./steps/records"

const svc = (container: any) => container.resolve(AFFILIATES_MODULE) as any

/** The approved affiliate with `code` in an org whose program is enabled, or 404. */
export async function findActiveAffiliateByCode(container: any, orgId: string, code: string) {
  const service = svc(container)
  const [program] = await service.listAffiliatePrograms({ org_id: orgId })
  const [affiliate] = program?.enabled ? await service.listAffiliates({ org_id: orgId, code: code.trim().toUpperCase() }) : []
  if (!affiliate || affiliate.status !== "approved") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Referral code "${code}" was not found`)
  }
  return { affiliate, program }
}

export type RecordClickInput = {
  org_id: string
  code: string
  landing_url?: string | null
  /** HMAC hashes computed by the route: raw IP and user agent never reach a workflow. */
  ip_hash: string | null
  user_agent_hash: string | null
}

/**
 * A repeat visit of one visitor (same IP and user agent hashes) on one link within this
 * many seconds is the same click: reloads and click floods do not inflate the counts.
 * (Not locked: simultaneous first clicks of one visitor may each be stored; the per-IP
 * click limit bounds that.)
 */
export const clickDedupeWindowMs = () => {
  const seconds = Number(process.env.VOLMIFY_AFFILIATE_CLICK_DEDUPE_SECONDS ?? 1800)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0
}

const planClickStep = createStep("plan-affiliate-click", async (input: RecordClickInput, { container }) => {
  const { affiliate, program } = await findActiveAffiliateByCode(container, input.org_id, input.code)
  const windowMs = clickDedupeWindowMs()
  const [existing] =
    input.ip_hash && windowMs
      ? await svc(container).listAffiliateClicks(
          {
            affiliate_id: affiliate.id,
            ip_hash: input.ip_hash,
            user_agent_hash: input.user_agent_hash,
            clicked_at: { $gte: new Date(Date.now() - windowMs) },
          },
          { order: { clicked_at: "DESC" }, take: 1 }
        )
      : []
  return new StepResponse({
    existing: (existing ?? null) as any,
    row: {
      org_id: input.org_id,
      affiliate_id: affiliate.id,
      code: affiliate.code,
      landing_url: input.landing_url ?? null,
      ip_hash: input.ip_hash,
      user_agent_hash: input.user_agent_hash,
      clicked_at: new Date(),
    },
    cookie_window_days: program.cookie_window_days as number,
    attribution_model: program.attribution_model as string,
  })
})

/**
 * Records a click on a referral link (or finds the same visitor's recent click on it) and
 * tells the storefront what to keep, and for how long.
 */
export const recordAffiliateClickWorkflow = createWorkflow("record-affiliate-click", (input: RecordClickInput) => {
  const plan = planClickStep(input)
  const created = createAffiliateRecordsStep(
    transform({ plan }, ({ plan }) => ({ model: "click" as const, data: plan.existing ? [] : [plan.row] }))
  )
  const result = transform({ plan, created }, ({ plan, created }) => {
    const click = plan.existing ?? created[0]
    const expires = new Date(new Date(click.clicked_at).getTime() + plan.cookie_window_days * 86_400_000)
    return {
      click: { id: click.id, code: click.code, clicked_at: click.clicked_at, expires_at: expires },
      attribution_model: plan.attribution_model,
      cookie_window_days: plan.cookie_window_days,
      org_id: click.org_id,
      affiliate_id: click.affiliate_id,
    }
  })
  when({ plan }, ({ plan }) => !plan.existing).then(() => {
    emitEventStep({
      eventName: AffiliateEvents.CLICK_RECORDED,
      data: transform({ result }, ({ result }) => ({ id: result.click.id, org_id: result.org_id, affiliate_id: result.affiliate_id })),
    })
  })
  return new WorkflowResponse(result)
})

export type AttachReferralInput = { org_id: string; cart_id: string; code: string; click_id?: string | null }

const planReferralStep = createStep("plan-cart-referral", async (input: AttachReferralInput, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  } = await query.graph({ entity: "cart", fields: ["id", "sales_channel_id", "completed_at"], filters: { id: input.cart_id } })
  const {
    data: [org],
  } = cart ? await query.graph({ entity: "org", fields: ["id"], filters: { sales_channel_id: cart.sales_channel_id } }) : { data: [] as any[] }
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
      const r = plan.existing ?? created![0]
      return { id: r.id, cart_id: r.cart_id, code: plan.code, click_id: r.click_id, touched_at: r.touched_at }
    })
  )
})
