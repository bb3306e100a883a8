/*
 * The processing fee the payment provider actually charged, as the books use it. Pure
 * functions over integer minor units (bigint): no floats, no I/O.
 *
 * A provider that knows its fee puts it on the captured payment's `data.processing_fee`
 * (`{ amount, currency_code, provider, reference }`, `amount` a major-unit decimal in the
 * order's currency; the host app's Stripe provider does, from the charge's balance
 * transaction). An order's fee is known when every captured payment reports one in the
 * order's currency; otherwise the posting keeps the org's estimate and says so.
 */

export type ReportedFee = { amount: string; currency_code: string; provider?: string; reference?: string }

export type CapturedPayment = { provider_id?: string | null; captured: boolean; data?: Record<string, unknown> | null }

export type KnownFee = { minor: bigint; providers: string[]; references: string[] }

/** The fee a payment's data reports, when well formed and in `currency`. */
export function reportedFeeOf(data: Record<string, unknown> | null | undefined, currency: string, toMinor: (amount: string) => bigint): bigint | null {
  const fee = data?.processing_fee as Partial<ReportedFee> | undefined
  if (!fee || typeof fee !== "object") return null
  if (String(fee.currency_code ?? "").toLowerCase() !== currency.toLowerCase()) return null
  if (typeof fee.amount !== "string" || !/^\d+(\.\d+)?$/.test(fee.amount)) return null
  return toMinor(fee.amount)
}

/** The order's actual fee: the sum over its captured payments, or null if any of them reports none. */
export function actualFeeOfPayments(payments: CapturedPayment[], currency: string, toMinor: (amount: string) => bigint): KnownFee | null {
  const captured = payments.filter((p) => p.captured)
  if (!captured.length) return null
  let minor = 0n
  const providers = new Set<string>()
  const references: string[] = []
  for (const p of captured) {
    const fee = reportedFeeOf(p.data, currency, toMinor)
    if (fee === null) return null
    minor += fee
    if (p.provider_id) providers.add(p.provider_id)
    const ref = (p.data?.processing_fee as ReportedFee).reference
    if (ref) references.push(ref)
  }
  return { minor, providers: [...providers], references }
}

/** A signed amount per (account, line): credits positive, debits negative. */
export type SignedEntry = { account_id: string; line_item_id: string | null; product_id: string | null; direction: "debit" | "credit"; minor: bigint }

/**
 * The entries that turn one posted split into another (same lines, same cash): per account
 * and line, the difference of credit-minus-debit, as a credit when it grew and a debit when
 * it shrank. Balanced whenever both splits are; empty when they are equal.
 */
export function splitDifference(posted: SignedEntry[], wanted: SignedEntry[]): SignedEntry[] {
  const key = (e: SignedEntry) => `${e.account_id}\u0000${e.line_item_id ?? ""}`
  const net = new Map<string, { e: SignedEntry; amount: bigint }>()
  const add = (e: SignedEntry, sign: bigint) => {
    const k = key(e)
    const cur = net.get(k) ?? { e, amount: 0n }
    cur.amount += sign * (e.direction === "credit" ? e.minor : -e.minor)
    net.set(k, cur)
  }
  for (const e of wanted) add(e, 1n)
  for (const e of posted) add(e, -1n)
  const out: SignedEntry[] = []
  for (const { e, amount } of net.values()) {
    if (amount === 0n) continue
    out.push({ account_id: e.account_id, line_item_id: e.line_item_id, product_id: e.product_id, direction: amount > 0n ? "credit" : "debit", minor: amount > 0n ? amount : -amount })
  }
  return out
}
