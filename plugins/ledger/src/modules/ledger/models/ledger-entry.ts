import { model } from "@medusajs/framework/utils"
import { LedgerAccount } from "./ledger-account"
import { LedgerTransaction } from "./ledger-transaction"

export const ENTRY_DIRECTIONS = ["debit", "credit"] as const

/**
 * One side of a transaction: a positive amount debited or credited to an account, in the
 * account's currency, rounded to its minor digits. Append-only: the service refuses
 * updates and deletes, and a trigger refuses UPDATE in SQL. `product_id` and
 * `line_item_id` say what the money was for (statements group by them).
 */
export const LedgerEntry = model
  .define("ledger_entry", {
    id: model.id({ prefix: "lent" }).primaryKey(),
    transaction: model.belongsTo(() => LedgerTransaction, { mappedBy: "entries" }),
    account: model.belongsTo(() => LedgerAccount, { mappedBy: "entries" }),
    org_id: model.text(),
    currency_code: model.text(),
    direction: model.enum([...ENTRY_DIRECTIONS]),
    amount: model.bigNumber(),
    product_id: model.text().nullable(),
    line_item_id: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["org_id", "currency_code"] },
    { on: ["product_id"] },
  ])
  .checks([{ name: "ledger_entry_amount_positive", expression: (c) => `${c.amount} > 0` }])
