/*
 * Reconciliation: what the payment provider says happened to an org's orders in a month
 * (captured, refunded, its fee) against what the ledger booked for them. Pure, over
 * integer minor units (bigint).
 */

export type Figures = { captured: bigint; refunded: bigint; fee: bigint | null }

export type OrderFigures = {
  order_id: string
  currency_code: string
  providers: string[]
  provider: Figures
  ledger: Figures
}

export type Difference = { field: "captured" | "refunded" | "fee"; provider: bigint; ledger: bigint; difference: bigint }

/**
 * Where the two sides disagree, field by field (provider minus ledger). The fee is compared
 * only when the provider reported one (an estimated fee has nothing to be checked against).
 */
export function differencesOf(o: OrderFigures): Difference[] {
  const out: Difference[] = []
  const compare = (field: Difference["field"], provider: bigint, ledger: bigint) => {
    if (provider !== ledger) out.push({ field, provider, ledger, difference: provider - ledger })
  }
  compare("captured", o.provider.captured, o.ledger.captured)
  compare("refunded", o.provider.refunded, o.ledger.refunded)
  if (o.provider.fee !== null) compare("fee", o.provider.fee, o.ledger.fee ?? 0n)
  return out
}

export type Totals = { captured: bigint; refunded: bigint; fees: bigint; estimated_fee_orders: number }

/** Per currency: the provider side by provider, the ledger side, and both sides' totals. */
export function totalsOf(orders: OrderFigures[]) {
  const byCurrency = new Map<string, { provider: Totals; ledger: Totals; by_provider: Map<string, Totals> }>()
  const zero = (): Totals => ({ captured: 0n, refunded: 0n, fees: 0n, estimated_fee_orders: 0 })
  for (const o of orders) {
    const c = byCurrency.get(o.currency_code) ?? { provider: zero(), ledger: zero(), by_provider: new Map() }
    const add = (t: Totals, f: Figures) => {
      t.captured += f.captured
      t.refunded += f.refunded
      if (f.fee === null) t.estimated_fee_orders += 1
      else t.fees += f.fee
    }
    add(c.provider, o.provider)
    add(c.ledger, o.ledger)
    const key = o.providers.join("+") || "none"
    const p = c.by_provider.get(key) ?? zero()
    add(p, o.provider)
    c.by_provider.set(key, p)
    byCurrency.set(o.currency_code, c)
  }
  return byCurrency
}
