import type { RateDraft } from "../components/rate-fields"
import { amountsProblem, AmountRow, bpsToPercent, cleanAmounts, percentToBps } from "./rates"

type Rate = { commission_type: "percent" | "fixed" | null; commission_bps: number | null; fixed_amounts?: AmountRow[] | null }

export const draftOf = (r: Rate | null | undefined, fallback: RateDraft["type"] = "default"): RateDraft => ({
  type: r?.commission_type ?? fallback,
  percent: bpsToPercent(r?.commission_bps),
  fixed: (r?.fixed_amounts ?? []).map((a) => ({ currency_code: a.currency_code, amount: String(a.amount) })),
})

/** The API body of a rate draft, or the problem that stops it. */
export function rateBody(d: RateDraft): { body: Record<string, unknown> } | { problem: string } {
  if (d.type === "default") return { body: { commission_type: null, commission_bps: null, fixed_amounts: null } }
  if (d.type === "percent") {
    const bps = percentToBps(d.percent)
    return bps === null ? { problem: "Percent: a number from 0 to 100, at most 2 decimals" } : { body: { commission_type: "percent", commission_bps: bps, fixed_amounts: null } }
  }
  if (!d.fixed.length) return { problem: "Add the fixed amount for at least one currency" }
  const problem = amountsProblem(d.fixed)
  return problem ? { problem } : { body: { commission_type: "fixed", commission_bps: null, fixed_amounts: cleanAmounts(d.fixed) } }
}
