/** Period choices of the dashboards: the last 7/30/90 days (today included) or custom dates (UTC). */
export type Interval = "day" | "week" | "month"
export type PeriodChoice = { preset: "7" | "30" | "90" | "custom"; from: string; to: string }

const DAY_MS = 86_400_000
export const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** `days` days ending today (UTC); `to` is inclusive (the API counts a date-only `to` whole). */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const today = Date.parse(`${isoDay(now)}T00:00:00Z`)
  return { from: isoDay(new Date(today - (days - 1) * DAY_MS)), to: isoDay(new Date(today)) }
}

/** Every bucket start (YYYY-MM-DD) from `from` to `to` (inclusive dates) at `interval`, as Postgres date_trunc gives them (weeks start Monday). */
export function bucketStarts(from: string, to: string, interval: Interval): string[] {
  const start = new Date(`${from}T00:00:00Z`)
  const end = Date.parse(`${to}T00:00:00Z`)
  if (interval === "week") start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7))
  if (interval === "month") start.setUTCDate(1)
  const out: string[] = []
  for (let d = start; d.getTime() <= end && out.length < 1_000; ) {
    out.push(isoDay(d))
    d = new Date(d)
    if (interval === "day") d.setUTCDate(d.getUTCDate() + 1)
    else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7)
    else d.setUTCMonth(d.getUTCMonth() + 1)
  }
  return out
}

/**
 * An exact decimal string ("12.50", "-3", "1000") as integer units of 10^-6, so sums and
 * comparisons of money stay exact in the browser; null for anything else.
 */
export function toMicros(v: string | null | undefined): bigint | null {
  if (v === null || v === undefined) return null
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(v.trim())
  if (!m) return null
  const micros = BigInt(m[2]) * 1_000_000n + BigInt((m[3] ?? "").padEnd(6, "0") || "0")
  return m[1] ? -micros : micros
}

/**
 * Change from `previous` to `current` (exact decimal strings or counts) as a ratio rounded to
 * 4 decimals (0.125 = +12.5 %); null when there was nothing before or a value is missing.
 */
export function change(current: string | number | null | undefined, previous: string | number | null | undefined): number | null {
  const c = typeof current === "number" ? BigInt(Math.round(current)) * 1_000_000n : toMicros(current)
  const p = typeof previous === "number" ? BigInt(Math.round(previous)) * 1_000_000n : toMicros(previous)
  if (c === null || p === null || p === 0n) return null
  // Against |previous|, so a smaller loss (-100 -> -50) reads as an improvement (+50 %).
  const basisPoints = ((c - p) * 10_000n) / (p < 0n ? -p : p)
  return Number(basisPoints) / 10_000
}

/** "+12.5 %", "-3 %", "–" */
export function formatChange(r: number | null): string {
  if (r === null) return "–"
  const pct = Math.round(r * 1000) / 10
  return `${pct > 0 ? "+" : ""}${pct} %`
}

/** A ratio (0..1, number or string) as a percentage; "–" when null. */
export function percent(r: number | string | null | undefined): string {
  if (r === null || r === undefined) return "–"
  return `${Math.round(Number(r) * 1000) / 10} %`
}

/** A major-unit decimal string as money in the browser's locale (display only; sums are done exactly before). */
export function money(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return "–"
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount as unknown as number)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

/** An integer minor-unit amount as an exact major-unit decimal string (JPY: 0 decimals). */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
  const sign = minor < 0 ? "-" : ""
  const s = String(Math.abs(minor)).padStart(digits + 1, "0")
  return sign + (digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s)
}
