import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import type { AffiliateCommissionRecord, AffiliateProgramRecord, AffiliateRecord } from "../../types/records"

const num = (v: BigNumberInput | null | undefined) => (v === null || v === undefined ? null : MathBN.convert(v).toNumber())

export function presentAffiliate(a: AffiliateRecord) {
  return {
    id: a.id,
    org_id: a.org_id,
    customer_id: a.customer_id,
    email: a.email,
    code: a.code,
    status: a.status,
    commission_type: a.commission_type ?? null,
    commission_bps: a.commission_bps ?? null,
    fixed_amounts: a.fixed_amounts ?? null,
    status_changed_at: a.status_changed_at ?? null,
    created_at: a.created_at,
  }
}

export function presentProgram(p: AffiliateProgramRecord | null | undefined, orgId: string) {
  if (!p) {
    return {
      id: null,
      org_id: orgId,
      enabled: false,
      commission_type: "percent",
      commission_bps: 1000,
      fixed_amounts: null,
      cookie_window_days: 30,
      attribution_model: "last_click",
      hold_days: 30,
      minimum_payouts: null,
      approval: "automatic",
      recurring_commission: "first_payment",
      recurring_months: null,
    }
  }
  const { id, org_id, enabled, commission_type, commission_bps, fixed_amounts, cookie_window_days, attribution_model, hold_days, minimum_payouts, approval } = p
  const recurring = { recurring_commission: p.recurring_commission ?? "first_payment", recurring_months: p.recurring_months ?? null }
  return { id, org_id, enabled, commission_type, commission_bps, fixed_amounts, cookie_window_days, attribution_model, hold_days, minimum_payouts, approval, ...recurring }
}

/** JSON amounts are major-unit numbers (Medusa's convention) from exact decimals. */
export function presentCommission(c: AffiliateCommissionRecord) {
  return {
    id: c.id,
    org_id: c.org_id,
    affiliate_id: c.affiliate_id,
    order_id: c.order_id,
    line_item_id: c.line_item_id,
    product_id: c.product_id,
    currency_code: c.currency_code,
    source: c.source,
    base_amount: num(c.base_amount),
    rate_source: c.rate_source,
    rate_type: c.rate_type,
    rate_bps: c.rate_bps,
    original_amount: num(c.original_amount),
    amount: num(c.amount),
    clawed_back_amount: num(c.clawed_back_amount),
    status: c.status,
    flags: c.flags ?? [],
    needs_review: c.needs_review,
    ordered_at: c.ordered_at,
    hold_until: c.hold_until,
    approved_at: c.approved_at,
    paid_at: c.paid_at,
  }
}

/**
 * Earnings per currency: pending, approved (unpaid), paid, and adjustments (clawbacks
 * after approval, negative: they come out of future earnings).
 */
export function summariseEarnings(commissions: AffiliateCommissionRecord[]) {
  const out: Record<string, { pending: BigNumberInput; approved: BigNumberInput; paid: BigNumberInput; adjustments: BigNumberInput }> = {}
  for (const c of commissions) {
    const row = (out[c.currency_code] ??= { pending: 0, approved: 0, paid: 0, adjustments: 0 })
    if (c.status === "pending" || c.status === "approved" || c.status === "paid") row[c.status as "pending"] = MathBN.add(row[c.status as "pending"], c.amount)
    if (c.status === "approved" || c.status === "paid") {
      // clawed back after approval = total clawed - what was taken before approval (original - amount)
      const before = MathBN.sub(c.original_amount, c.amount)
      const after = MathBN.sub(c.clawed_back_amount, before)
      if (MathBN.gt(after, 0)) row.adjustments = MathBN.sub(row.adjustments, after)
    }
  }
  return Object.entries(out).map(([currency_code, r]) => ({
    currency_code,
    pending: num(r.pending),
    approved: num(r.approved),
    paid: num(r.paid),
    adjustments: num(r.adjustments),
  }))
}
