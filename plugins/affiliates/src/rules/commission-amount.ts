import type { ResolvedRate } from "./commission-rate"

/**
 * The commission on one line, in integer minor units of the order's currency.
 * `net_minor` is what the line brought in after discounts and without tax.
 * - percent: net x bps / 10000, rounded half up (never a float);
 * - fixed: the per-unit amount x quantity, capped at the line's net (a commission never
 *   exceeds what the line earned), flagged `fixed_capped` when capped.
 * A line with no net (free, fully discounted) earns nothing.
 */
export type LineCommission = { amount_minor: bigint; flags: string[] }

export function computeLineCommission(
  rate: ResolvedRate,
  line: { net_minor: bigint; quantity: number },
  fixedMinor: (amount: string) => bigint
): LineCommission {
  if (rate.type === "none" || line.net_minor <= 0n) return { amount_minor: 0n, flags: [] }
  if (rate.type === "percent") {
    const scaled = line.net_minor * BigInt(rate.percent_bps)
    return { amount_minor: (scaled * 2n + 10000n) / 20000n, flags: [] }
  }
  const wanted = fixedMinor(rate.amount) * BigInt(Math.max(0, Math.trunc(line.quantity)))
  if (wanted > line.net_minor) return { amount_minor: line.net_minor, flags: ["fixed_capped"] }
  return { amount_minor: wanted < 0n ? 0n : wanted, flags: [] }
}
