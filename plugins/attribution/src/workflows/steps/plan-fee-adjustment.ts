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

export type PlannedFeeAdjustment = {
  skipped: string | null
  accounts: any[]
  /** The capture posting's entries as posted (account ids, and the accounts' keys to diff with `wanted`). */
  posted: { account_id: string; account_key: string; direction: "debit" | "credit"; amount: string; line_item_id: string | null; product_id: string | null }[]
  /** The same split recomputed with the reported fee (account keys, resolved by the workflow). */
  wanted: PlannedEntry[]
  transaction: null | { org_id: string; currency_code: string; description: string; metadata: Record<string, unknown> }
}

const skip = (skipped: string): PlannedFeeAdjustment => ({ skipped, accounts: [], posted: [], wanted: [], transaction: null })

/** The fee settings a posting was computed with (its metadata), else the org's current ones. */
function settingsOfPosting(posting: any, org: any): FeeSettings {
  const s = posting.metadata?.fee_settings
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
      data: [order],
    } = await query.graph({ entity: "order", fields: ORDER_POSTING_FIELDS, filters: { id: order_id } })
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

    const { data: found } = await query.graph({
      entity: "ledger_transaction",
      fields: ["id", "reference_type", "org_id", "metadata", "entries.account_id", "entries.account.key", "entries.direction", "entries.amount", "entries.line_item_id", "entries.product_id"],
      filters: { reference_type: [ORDER_REFERENCE, FEE_ADJUSTMENT_REFERENCE], reference_id: order.id },
    })
    const posting = found.find((t: any) => t.reference_type === ORDER_REFERENCE)
    if (!posting) return new StepResponse(skip("the capture is not posted"))
    if (found.some((t: any) => t.reference_type === FEE_ADJUSTMENT_REFERENCE)) return new StepResponse(skip("already adjusted"))

    const { data: orgs } = await query.graph({ entity: "org", fields: ["id", "sales_channel_id", "settings"], filters: { id: posting.org_id } })
    const attribution: AttributionModuleService = container.resolve(ATTRIBUTION_MODULE)
    const productIds = [...new Set((order.items ?? []).map((i: any) => i?.product_id).filter(Boolean))] as string[]
    const placedAt = new Date(order.created_at)
    const rules = rulesActiveAt(await attribution.listRulesEffectiveBy(productIds, placedAt), placedAt)
    const providers = [...new Set<string>((order.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? []).map((p: any) => p?.provider_id).filter(Boolean))]
    const wanted = postingOf(
      order,
      orgs[0],
      rules,
      { source: "reported", minor, providers, references: processing_fee.reference ? [processing_fee.reference] : [] },
      settingsOfPosting(posting, orgs[0])
    )
    if (!wanted.transaction) return new StepResponse(skip(wanted.skipped ?? "nothing to adjust"))
    const before = posting.metadata?.processing_fee?.amount ?? null
    return new StepResponse<PlannedFeeAdjustment>({
      skipped: null,
      accounts: wanted.accounts,
      posted: posting.entries.map(({ account, ...e }: any) => ({ ...e, account_key: account.key })),
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
