/*
 * The revenue waterfall: how one captured order's money is split, and how a refund
 * reverses that split. Pure functions over integer minor units (bigint): no floats, no
 * I/O. Every split uses largest-remainder allocation, so parts always sum to the whole.
 *
 * Per captured line item:
 *   gross (paid after discounts, tax included)
 *   - tax
 *   - platform fee    (org rate in basis points on the fee base + a fixed part per order)
 *   - processing fee  (same, or the provider's actual fee when known)
 *   = net
 *   -> attributed shares (percent of the net and/or a fixed amount per unit)
 *   -> the org keeps the rest.
 */

export const BPS = 10_000n

export type FeeBase = "gross" | "net_of_tax"

export type FeeSettings = {
  platform_fee_bps: number
  processing_fee_bps: number
  /** Per order, in minor units of `fixed_fee_currency_code`. */
  platform_fee_fixed?: bigint
  processing_fee_fixed?: bigint
  fixed_fee_currency_code?: string | null
  fee_base: FeeBase
}

/** The worked example's defaults: 5 % platform + 3 % processing on the gross, no fixed parts. */
export const DEFAULT_FEES: FeeSettings = {
  platform_fee_bps: 500,
  processing_fee_bps: 300,
  platform_fee_fixed: 0n,
  processing_fee_fixed: 0n,
  fixed_fee_currency_code: null,
  fee_base: "gross",
}

/** One attributed claim on a line's net (one rule): percent of the net and/or fixed per unit. */
export type ShareClaim = { key: string; percent_bps: number; fixed_per_unit: bigint }

export type WaterfallLine = {
  id: string
  product_id?: string | null
  quantity: number
  /** Paid for the line after discounts, tax included. */
  gross: bigint
  tax: bigint
  shares: ShareClaim[]
}

export type WaterfallInput = {
  currency_code: string
  lines: WaterfallLine[]
  fees: FeeSettings
  /** The provider's actual processing fee for the order, when known (replaces the rate). */
  actual_processing_fee?: bigint | null
}

export type WaterfallFlag = "fixed_share_capped" | "fees_capped" | "fixed_fee_currency_mismatch"

export type LineSplit = {
  id: string
  product_id: string | null
  gross: bigint
  tax: bigint
  platform_fee: bigint
  processing_fee: bigint
  net: bigint
  shares: { key: string; amount: bigint }[]
  org: bigint
  flags: WaterfallFlag[]
}

export type WaterfallResult = { currency_code: string; lines: LineSplit[]; flags: WaterfallFlag[] }

export class WaterfallInputError extends Error {}

const fail = (message: string): never => {
  throw new WaterfallInputError(message)
}

/**
 * Splits `total` into parts proportional to `weights` (largest remainder): each part is
 * floor(total * w / W) plus one unit for the largest remainders until the total is
 * reached; ties go to the earlier weight. Parts sum to `total` exactly, none is negative,
 * each is within one unit of its exact quota, and a zero weight gets zero.
 */
export function allocateLargestRemainder(total: bigint, weights: bigint[]): bigint[] {
  if (total < 0n) fail(`cannot allocate a negative total (${total})`)
  if (weights.some((w) => w < 0n)) fail("weights must not be negative")
  const sum = weights.reduce((s, w) => s + w, 0n)
  if (sum === 0n) {
    if (total === 0n) return weights.map(() => 0n)
    return fail(`cannot allocate ${total} over weights that sum to zero`)
  }
  const parts = weights.map((w) => (total * w) / sum)
  let left = total - parts.reduce((s, p) => s + p, 0n)
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))
  for (const { i } of order) {
    if (left === 0n) break
    parts[i] += 1n
    left -= 1n
  }
  return parts
}

/** a * bps / 10000 rounded half up (a >= 0). */
const percentOf = (amount: bigint, bps: number) => (amount * BigInt(bps) * 2n + BPS) / (BPS * 2n)

function checkBps(value: number, field: string) {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) fail(`${field} must be an integer from 0 to 10000 (basis points)`)
}

/** The waterfall of one captured order. Throws WaterfallInputError on impossible input. */
export function computeRevenueWaterfall(input: WaterfallInput): WaterfallResult {
  const { fees } = input
  checkBps(fees.platform_fee_bps, "platform_fee_bps")
  checkBps(fees.processing_fee_bps, "processing_fee_bps")
  const flags = new Set<WaterfallFlag>()
  input.lines.forEach((line, i) => {
    if (line.gross < 0n) fail(`lines[${i}].gross must not be negative`)
    if (line.tax < 0n || line.tax > line.gross) fail(`lines[${i}].tax must be between 0 and the gross`)
    if (!Number.isInteger(line.quantity) || line.quantity < 1) fail(`lines[${i}].quantity must be a positive integer`)
    let percent = 0
    line.shares.forEach((s, j) => {
      checkBps(s.percent_bps, `lines[${i}].shares[${j}].percent_bps`)
      if (s.fixed_per_unit < 0n) fail(`lines[${i}].shares[${j}].fixed_per_unit must not be negative`)
      percent += s.percent_bps
    })
    if (percent > 10_000) fail(`lines[${i}] shares add up to more than 100 % (${percent} bps)`)
  })

  // Order-level fees, allocated to the lines in proportion to their fee base.
  const bases = input.lines.map((l) => (fees.fee_base === "net_of_tax" ? l.gross - l.tax : l.gross))
  const baseTotal = bases.reduce((s, b) => s + b, 0n)
  const fixedApplies =
    !!fees.fixed_fee_currency_code && fees.fixed_fee_currency_code.toLowerCase() === input.currency_code.toLowerCase()
  if (!fixedApplies && ((fees.platform_fee_fixed ?? 0n) > 0n || (fees.processing_fee_fixed ?? 0n) > 0n)) {
    flags.add("fixed_fee_currency_mismatch")
  }
  const fixed = (v?: bigint) => (fixedApplies && baseTotal > 0n ? v ?? 0n : 0n)
  const platformTotal = percentOf(baseTotal, fees.platform_fee_bps) + fixed(fees.platform_fee_fixed)
  const processingTotal =
    input.actual_processing_fee != null
      ? input.actual_processing_fee < 0n
        ? fail("actual_processing_fee must not be negative")
        : input.actual_processing_fee
      : percentOf(baseTotal, fees.processing_fee_bps) + fixed(fees.processing_fee_fixed)
  const spread = (total: bigint) => (baseTotal > 0n ? allocateLargestRemainder(total, bases) : bases.map(() => 0n))
  const platformByLine = spread(platformTotal)
  const processingByLine = spread(processingTotal)

  const lines = input.lines.map((line, i): LineSplit => {
    const lineFlags = new Set<WaterfallFlag>()
    const afterTax = line.gross - line.tax
    let platform = platformByLine[i]
    let processing = processingByLine[i]
    if (platform > afterTax) {
      platform = afterTax
      lineFlags.add("fees_capped")
    }
    if (processing > afterTax - platform) {
      processing = afterTax - platform
      lineFlags.add("fees_capped")
    }
    const net = afterTax - platform - processing

    // Quotas in 1/10000 of a minor unit: percent claims first (their sum is at most the
    // net), fixed claims out of what is left, capped there and flagged.
    const pool = net * BPS
    const percentNums = line.shares.map((s) => net * BigInt(s.percent_bps))
    let fixedNums = line.shares.map((s) => s.fixed_per_unit * BigInt(line.quantity) * BPS)
    const percentSum = percentNums.reduce((s, v) => s + v, 0n)
    const fixedSum = fixedNums.reduce((s, v) => s + v, 0n)
    if (percentSum + fixedSum > pool) {
      fixedNums = allocateLargestRemainder(pool - percentSum, fixedNums)
      lineFlags.add("fixed_share_capped")
    }
    const quotas = line.shares.map((_, j) => percentNums[j] + fixedNums[j])
    const orgQuota = pool - quotas.reduce((s, v) => s + v, 0n)
    const parts = net > 0n ? allocateLargestRemainder(net, [...quotas, orgQuota]) : [...quotas.map(() => 0n), 0n]
    lineFlags.forEach((f) => flags.add(f))
    return {
      id: line.id,
      product_id: line.product_id ?? null,
      gross: line.gross,
      tax: line.tax,
      platform_fee: platform,
      processing_fee: processing,
      net,
      shares: line.shares.map((s, j) => ({ key: s.key, amount: parts[j] })),
      org: parts[parts.length - 1],
      flags: [...lineFlags],
    }
  })
  return { currency_code: input.currency_code, lines, flags: [...flags] }
}

/** What is still unreversed of one posted line: its cash and each credit it made. */
export type PostedLine = { id: string; remaining: { key: string; amount: bigint }[] }

export type ReversalPlan = {
  amount: bigint
  capped: boolean
  lines: { id: string; amount: bigint; parts: { key: string; amount: bigint }[] }[]
}

/**
 * A refund's reversal: the refunded amount spread over the lines in proportion to what
 * each still holds, then over each line's credits (tax, fees, shares, org) in proportion
 * to what is left of them, both by largest remainder. Never more than what is left (a
 * larger refund is capped and flagged); refunding everything reverses everything exactly.
 */
export function planRefundReversal(refund: bigint, lines: PostedLine[]): ReversalPlan {
  if (refund < 0n) fail("refund must not be negative")
  const held = lines.map((l) => l.remaining.reduce((s, p) => s + (p.amount < 0n ? fail("remaining amounts must not be negative") : p.amount), 0n))
  const total = held.reduce((s, v) => s + v, 0n)
  const amount = refund > total ? total : refund
  const byLine = total > 0n ? allocateLargestRemainder(amount, held) : held.map(() => 0n)
  return {
    amount,
    capped: refund > total,
    lines: lines.map((line, i) => {
      const parts = held[i] > 0n ? allocateLargestRemainder(byLine[i], line.remaining.map((p) => p.amount)) : line.remaining.map(() => 0n)
      return { id: line.id, amount: byLine[i], parts: line.remaining.map((p, j) => ({ key: p.key, amount: parts[j] })) }
    }),
  }
}
