import { model } from "@medusajs/framework/utils"
import type { FixedAmount } from "../../../rules/commission-rate"

/**
 * One program per org. Defaults follow the issue: 10 % commission, 30-day cookie window,
 * last click, 30-day hold (the refund window), automatic approval, no minimum payout.
 * `fixed_amounts` / `minimum_payouts`: `[{ currency_code, amount }]` in major units.
 * Subscriptions (`@volmify/access`): `recurring_commission` `first_payment` (default) pays on
 * a subscription's first paid period only; `recurring` also on its renewals, for periods
 * starting within `recurring_months` of the first (null: for as long as it renews).
 */
export const AffiliateProgram = model
  .define("affiliate_program", {
    id: model.id({ prefix: "affprog" }).primaryKey(),
    org_id: model.text(),
    enabled: model.boolean().default(false),
    commission_type: model.enum(["percent", "fixed"]).default("percent"),
    commission_bps: model.number().nullable(),
    fixed_amounts: model.json<FixedAmount[]>().nullable(),
    cookie_window_days: model.number().default(30),
    attribution_model: model.enum(["first_click", "last_click"]).default("last_click"),
    hold_days: model.number().default(30),
    minimum_payouts: model.json<FixedAmount[]>().nullable(),
    approval: model.enum(["automatic", "manual"]).default("automatic"),
    recurring_commission: model.enum(["first_payment", "recurring"]).default("first_payment"),
    recurring_months: model.number().nullable(),
  })
  .indexes([{ on: ["org_id"], unique: true, where: "deleted_at IS NULL" }])
