/** "12.5" (percent) -> 1250 basis points; null when not a percent from 0 to 100 with at most 2 decimals. No floats. */
export function percentToBps(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  const bps = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"))
  return bps <= 10000 ? bps : null
}

/** 1250 -> "12.5". */
export function bpsToPercent(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return ""
  const whole = Math.trunc(bps / 100)
  const rest = String(bps % 100).padStart(2, "0").replace(/0+$/, "")
  return rest ? `${whole}.${rest}` : String(whole)
}

export type AmountRow = { currency_code: string; amount: string }

/** Rows with a 3-letter currency and a decimal amount; the first problem found, or null. */
export function amountsProblem(rows: AmountRow[]): string | null {
  const seen = new Set<string>()
  for (const r of rows) {
    if (!/^[a-zA-Z]{3}$/.test(r.currency_code.trim())) return `"${r.currency_code}" is not a 3-letter currency code`
    if (!/^\d+(\.\d+)?$/.test(r.amount.trim())) return `"${r.amount}" is not an amount (e.g. 5 or 4.90)`
    const c = r.currency_code.trim().toLowerCase()
    if (seen.has(c)) return `${c.toUpperCase()} is listed twice`
    seen.add(c)
  }
  return null
}

export const cleanAmounts = (rows: AmountRow[]) => rows.map((r) => ({ currency_code: r.currency_code.trim().toLowerCase(), amount: r.amount.trim() }))

/** How a rate reads in a table. */
export function describeRate(r: { commission_type: "percent" | "fixed" | null; commission_bps: number | null; fixed_amounts?: AmountRow[] | null }) {
  if (!r.commission_type) return "program default"
  if (r.commission_type === "percent") return `${bpsToPercent(r.commission_bps ?? 0)} %`
  return (r.fixed_amounts ?? []).map((a) => `${a.amount} ${a.currency_code.toUpperCase()}`).join(", ") || "fixed (no amount)"
}
