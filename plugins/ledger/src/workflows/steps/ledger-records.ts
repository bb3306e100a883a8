import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LEDGER_MODULE } from "../../modules/ledger"
import type LedgerModuleService from "../../modules/ledger/service"
import type { AccountSpec, PostTransactionInput } from "../../modules/ledger/service"

/**
 * Finds or creates accounts; returns them keyed by `accountKey`. Compensation removes
 * only the accounts this step created, and only while nothing is posted to them.
 */
export const ensureLedgerAccountsStep = createStep(
  "ensure-ledger-accounts",
  async (specs: AccountSpec[], { container }) => {
    const { accounts, created_ids } = await container
      .resolve<LedgerModuleService>(LEDGER_MODULE)
      .ensureAccounts(specs ?? [])
    return new StepResponse(accounts, created_ids)
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) return
    await container.resolve<LedgerModuleService>(LEDGER_MODULE).removeUnusedAccounts(createdIds)
  }
)

export type PostedTransaction = { transaction: any; created: boolean }

/**
 * Posts the transactions (each balanced, whole, once per reference) in one go: all or
 * nothing (see LedgerModuleService.postTransactions). Returns what was posted and, with
 * `created: false`, what had been posted before. Compensation removes only the
 * transactions this step created.
 */
export const postLedgerTransactionsStep = createStep(
  "post-ledger-transactions",
  async (inputs: PostTransactionInput[], { container }) => {
    const results: PostedTransaction[] = await container.resolve<LedgerModuleService>(LEDGER_MODULE).postTransactions(inputs ?? [])
    return new StepResponse(results, results.filter((r) => r.created).map((r) => r.transaction.id))
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) return
    await container.resolve<LedgerModuleService>(LEDGER_MODULE).rollbackPostedTransactions(createdIds)
  }
)
