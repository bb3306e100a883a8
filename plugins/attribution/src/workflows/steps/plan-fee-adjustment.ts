import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import { rulesActiveAt } from "../../modules/attribution/service"
import type { ReportedFee } from "../../rules/processing-fee"
import type { FeeSettings } from "../../rules/revenue-waterfall"
import { feeSettings, ORDER_POSTING_FIELDS, ORDER_REFERENCE, PlannedEntry, postingOf } from "./plan-order-posting"
import { FEE_ADJUSTMENT_REFERENCE } from "./plan-refund-reversals"

import { toMinor } from "@volmify/ledger/money"
import type { AccountSpec } from "@volmify/ledger/modules/ledger"
import type { LedgerTransactionRow, OrderRow, OrgRow } from "../../types/rows"

export type PlannedFeeAdjustment = {
  skipped: string | null
  accounts: AccountSpec[]
  /** The capture posting's entries as posted (account ids, and the accounts' keys to diff with `wanted`). */
  posted: { account_id: string; account_key: string; direction: "debit" | "credit"; amount: string; line_item_id: string | null; product_id: string | null }[]
  /** The same split recomputed with the reported fee (account keys, resolved by the workflow). */
  wanted: PlannedEntry[]
  transaction: null | { org_id: string; currency_code: string; description: string; metadata: Record<string, unknown> }
}

const skip = (skipped: string): PlannedFeeAdjustment => ({ skipped, accounts: [], posted: [], wanted: [], transaction: null })

/** The fee settings a posting was computed with (its metadata), else the org's current ones. */
function settingsOfPosting(posting: LedgerTransactionRow, org: OrgRow): FeeSettings {
  const s = posting.metadata?.fee_settings as (Omit<FeeSettings, "platform_fee_fixed" | "processing_fee_fixed"> & { platform_fee_fixed?: string; processing_fee_fixed?: string }) | undefined
  if (!s) return feeSettings(org.settings)
  return { ...s, platform_fee_fixed: BigInt(s.platform_fee_fixed ?? 0), processing_fee_fixed: BigInt(s.processing_fee_fixed ?? 0) }
}

/**
 * What replacing an order's posted processing fee with the one the provider reported
 * changes: the capture's split recomputed with the reported fee (same rules, same fee
 * settings as the posting), to be diffed against what was posted. Skips (with a reason) an
 * order whose capture is not posted yet or that was adjusted before. 400 for a fee in
 * another currency than the order's or with more decimals than it has. Reads only.
 */
export const planFeeAdjustmentStep = createStep(
  "plan-processing-fee-adjustment",
  async ({ order_id, processing_fee }: { order_id: string; processing_fee: ReportedFee }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [orderRow],
    } = await query.graph({ entity: "order", fields: ORDER_POSTING_FIELDS, filters: { id: order_id } })
    const order = orderRow as unknown as OrderRow | undefined
    if (!order) return new StepResponse(skip("order not found"))
    const currency = String(order.currency_code).toLowerCase()
    if (String(processing_fee?.currency_code ?? "").toLowerCase() !== currency) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `processing_fee.currency_code must be the order's currency (${currency.toUpperCase()}), got ${String(processing_fee?.currency_code)}`
      )
    }
    const minor = toMinor(processing_fee.amount, currency, { exact: true, field: "processing_fee.amount" })
    if (minor < 0n) throw new MedusaError(MedusaError.Types.INVALID_DATA, "processing_fee.amount must not be negative")

    const found: LedgerTransactionRow[] = (
      await query.graph({
        entity: "ledger_transaction",
      fields: ["id", "reference_type", "org_id", "metadata", "entries.account_id", "entries.account.key", "entries.direction", "entries.amount", "entries.line_item_id", "entries.product_id"],
        filters: { reference_type: [ORDER_REFERENCE, FEE_ADJUSTMENT_REFERENCE], reference_id: order.id },
      })
    ).data
    const posting = found.find((t) => t.reference_type === ORDER_REFERENCE)
    if (!posting) return new StepResponse(skip("the capture is not posted"))
    if (found.some((t) => t.reference_type === FEE_ADJUSTMENT_REFERENCE)) return new StepResponse(skip("already adjusted"))

    const orgs: OrgRow[] = (await query.graph({ entity: "org", fields: ["id", "sales_channel_id", "settings"], filters: { id: posting.org_id } })).data
    const attribution: AttributionModuleService = container.resolve(ATTRIBUTION_MODULE)
    const productIds = [...new Set((order.items ?? []).map((i) => i?.product_id).filter(Boolean))] as string[]
    const placedAt = new Date(order.created_at)
    const rules = rulesActiveAt(await attribution.listRulesEffectiveBy(productIds, placedAt), placedAt)
    const providers = [...new Set<string>((order.payment_collections ?? []).flatMap((pc) => pc?.payments ?? []).map((p) => p?.provider_id).filter((p): p is string => Boolean(p)))]
    const wanted = postingOf(
      order,
      orgs[0],
      rules,
      { source: "reported", minor, providers, references: processing_fee.reference ? [processing_fee.reference] : [] },
      settingsOfPosting(posting, orgs[0])
    )
    if (!wanted.transaction) return new StepResponse(skip(wanted.skipped ?? "nothing to adjust"))
    const before = (posting.metadata?.processing_fee as { amount?: string } | undefined)?.amount ?? null
    return new StepResponse<PlannedFeeAdjustment>({
      skipped: null,
      accounts: wanted.accounts,
      posted: posting.entries.map(({ account, ...e }) => ({ ...e, product_id: e.product_id ?? null, account_key: account!.key })),
      wanted: wanted.transaction.entries,
      transaction: {
        org_id: posting.org_id,
        currency_code: currency,
        description: `Order #${order.display_id ?? order.id}: processing fee ${before ?? "as posted"} -> ${processing_fee.amount} ${currency.toUpperCase()} charged`,
        metadata: {
          order_id: order.id,
          processing_fee: { source: "reported", amount: processing_fee.amount, previous: before, provider: processing_fee.provider ?? null, reference: processing_fee.reference ?? null },
        },
      },
    })
  }
)
