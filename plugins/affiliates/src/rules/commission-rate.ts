/**
 * Which commission rule applies to a sold line. The most specific rule wins:
 * 1. a rate set for this affiliate on this product,
 * 2. the affiliate's own rate,
 * 3. the program's default.
 * A rule is a percent (basis points of the line's net) or a fixed amount per unit in the
 * order's currency. A fixed rule with no amount for the order's currency does not apply
 * at its level; the next, less specific level is tried (so a USD-only override never
 * silently pays nothing on a JPY order).
 */
export type FixedAmount = { currency_code: string; amount: string | number }
export type RateRule = {
  type: "percent" | "fixed"
  percent_bps?: number | null
  fixed_amounts?: FixedAmount[] | null
}
export type RuleSource = "affiliate_product" | "affiliate" | "program"
export type ResolvedRate =
  | { source: RuleSource; type: "percent"; percent_bps: number }
  | { source: RuleSource; type: "fixed"; amount: string }
  | { source: null; type: "none" }

function usable(rule: RateRule | null | undefined, currencyCode: string, source: RuleSource): ResolvedRate | null {
  if (!rule) return null
  if (rule.type === "percent") {
    return Number.isInteger(rule.percent_bps) && (rule.percent_bps as number) >= 0
      ? { source, type: "percent", percent_bps: rule.percent_bps as number }
      : null
  }
  const fixed = (rule.fixed_amounts ?? []).find((f) => f.currency_code.toLowerCase() === currencyCode.toLowerCase())
  return fixed ? { source, type: "fixed", amount: String(fixed.amount) } : null
}

export function resolveCommissionRate(
  levels: { affiliate_product?: RateRule | null; affiliate?: RateRule | null; program?: RateRule | null },
  currencyCode: string
): ResolvedRate {
  return (
    usable(levels.affiliate_product, currencyCode, "affiliate_product") ??
    usable(levels.affiliate, currencyCode, "affiliate") ??
    usable(levels.program, currencyCode, "program") ?? { source: null, type: "none" }
  )
}
