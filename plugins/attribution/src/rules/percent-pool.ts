/*
 * The percent pool of a product: attribution rules share out its net, and the percent
 * shares active at any one instant may not exceed 100 % (10000 basis points).
 */

export const FULL_POOL_BPS = 10_000

export type TimedPercent = { percent_bps: number; effective_from: Date; effective_to: Date | null }

/** Whether a rule is in effect at `at` (from inclusive, to exclusive). */
export const isActiveAt = (rule: Pick<TimedPercent, "effective_from" | "effective_to">, at: Date) =>
  rule.effective_from.getTime() <= at.getTime() && (rule.effective_to === null || rule.effective_to.getTime() > at.getTime())

/**
 * The highest total of percent shares in effect at any instant of [from, to) (to null =
 * open-ended), by a sweep over start and end instants (ends before starts at one instant).
 */
export function peakPercentBps(rules: TimedPercent[], window: { from: Date; to: Date | null }): number {
  const from = window.from.getTime()
  const to = window.to ? window.to.getTime() : Infinity
  const events: [number, number][] = []
  for (const r of rules) {
    const start = Math.max(r.effective_from.getTime(), from)
    const end = Math.min(r.effective_to ? r.effective_to.getTime() : Infinity, to)
    if (start < end && r.percent_bps > 0) {
      events.push([start, r.percent_bps], [end, -r.percent_bps])
    }
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let current = 0
  let peak = 0
  for (const [, delta] of events) {
    current += delta
    peak = Math.max(peak, current)
  }
  return peak
}

/** "12.5 %" from basis points, for messages. */
export const formatBps = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")} %`
