import { model } from "@medusajs/framework/utils"
import { LedgerEntry } from "./ledger-entry"

export const TRANSACTION_KINDS = ["posting", "reversal", "payout", "adjustment"] as const

/**
 * A balanced set of entries posted whole or not at all. (reference_type, reference_id)
 * is unique: whatever posts a transaction for a source (an order's capture, a refund, a
 * payout) posts it once, however often it is asked. `flags` records what the poster
 * wants reviewed (e.g. a fixed share capped at the net).
 */
export const LedgerTransaction = model
  .define("ledger_transaction", {
    id: model.id({ prefix: "ltx" }).primaryKey(),
    org_id: model.text(),
    currency_code: model.text(),
    kind: model.enum([...TRANSACTION_KINDS]),
    reference_type: model.text(),
    reference_id: model.text(),
    reverses_id: model.text().nullable(),
    description: model.text().nullable(),
    flags: model.json().nullable(),
    occurred_at: model.dateTime(),
    metadata: model.json().nullable(),
    entries: model.hasMany(() => LedgerEntry, { mappedBy: "transaction" }),
  })
  .indexes([
    { on: ["reference_type", "reference_id"], unique: true },
    { on: ["org_id", "occurred_at"] },
    { on: ["reverses_id"] },
  ])
