import { model } from "@medusajs/framework/utils"
import { LedgerEntry } from "./ledger-entry"

export const ACCOUNT_TYPES = ["asset", "liability", "equity", "revenue", "expense"] as const
export const NORMAL_BALANCES = ["debit", "credit"] as const

/**
 * One account of an org's chart, in one currency. `code` names its purpose (cash,
 * tax_payable, payable, ...); `owner_type`/`owner_id` name whom a per-person account is
 * for (an employee's or an affiliate's payable). `key` is the account's identity
 * (org, code, currency, owner): unique, so concurrent "find or create" never duplicates.
 * Assets and expenses carry a debit normal balance, the others credit (checked in SQL).
 */
export const LedgerAccount = model
  .define("ledger_account", {
    id: model.id({ prefix: "lacc" }).primaryKey(),
    key: model.text(),
    org_id: model.text(),
    code: model.text(),
    name: model.text(),
    type: model.enum([...ACCOUNT_TYPES]),
    normal_balance: model.enum([...NORMAL_BALANCES]),
    currency_code: model.text(),
    owner_type: model.text().nullable(),
    owner_id: model.text().nullable(),
    entries: model.hasMany(() => LedgerEntry, { mappedBy: "account" }),
  })
  .indexes([
    { on: ["key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id", "currency_code"], where: "deleted_at IS NULL" },
    { on: ["owner_type", "owner_id"], where: "deleted_at IS NULL" },
  ])
  .checks([
    {
      name: "ledger_account_normal_balance_matches_type",
      expression: (c) => `((${c.type} IN ('asset', 'expense')) = (${c.normal_balance} = 'debit'))`,
    },
  ])
