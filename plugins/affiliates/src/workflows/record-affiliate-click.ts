import type { MedusaContainer } from "@medusajs/framework/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AffiliateEvents } from "../events"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import { createAffiliateRecordsStep, recordsOf } from "./steps/records"
import { findActiveAffiliateByCode } from "./steps/find-active-affiliate"

const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

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
    existing: existing ?? null,
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
    const click = plan.existing ?? recordsOf("click", created)[0]
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
