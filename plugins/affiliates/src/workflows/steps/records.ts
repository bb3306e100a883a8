import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE } from "../../modules/affiliates"
import type { AffiliateRecords } from "../../types/records"

/** Model -> the plural the generated service methods use. */
export const MODELS = {
  program: "AffiliatePrograms",
  affiliate: "Affiliates",
  product_rate: "AffiliateProductRates",
  click: "AffiliateClicks",
  referral: "AffiliateReferrals",
  coupon: "AffiliateCoupons",
  commission: "AffiliateCommissions",
} as const
export type ModelName = keyof typeof MODELS

/** A row the steps below answer, of whichever model they were given (`recordsOf` names it). */
export type AffiliateRow = { id: string } & Record<string, unknown>
/** The module's generated CRUD methods, called below by model name (`createAffiliates`, `listAffiliateCoupons`, ...). */
type GeneratedCrud = Record<string, (arg: unknown) => Promise<AffiliateRow[]>>
const svc = (container: MedusaContainer) => container.resolve<GeneratedCrud>(AFFILIATES_MODULE)

/**
 * The rows a step below answered for `model`, as that model's records: the steps call the
 * generated methods by name, so their output is typed only as rows with an id.
 */
export const recordsOf = <M extends ModelName>(_model: M, rows: AffiliateRow[]) => rows as AffiliateRecords[M][]

/** Creates rows; compensation deletes exactly those rows. */
export const createAffiliateRecordsStep = createStep(
  "create-affiliate-records",
  async (input: { model: ModelName; data: Record<string, unknown>[] }, { container }) => {
    if (!input.data?.length) return new StepResponse<AffiliateRow[], { model: ModelName; ids: string[] } | null>([], null)
    const created = await svc(container)[`create${MODELS[input.model]}`](input.data)
    return new StepResponse(created, { model: input.model, ids: created.map((r) => r.id) })
  },
  async (undo, { container }) => {
    if (!undo?.ids?.length) return
    await svc(container)[`delete${MODELS[undo.model as ModelName]}`](undo.ids)
  }
)

/** Updates rows by id; compensation writes back the previous values of the changed fields. */
export const updateAffiliateRecordsStep = createStep(
  "update-affiliate-records",
  async (input: { model: ModelName; updates: ({ id: string } & Record<string, unknown>)[] }, { container }) => {
    if (!input.updates?.length) return new StepResponse<AffiliateRow[], { model: ModelName; previous: Record<string, unknown>[] } | null>([], null)
    const service = svc(container)
    const plural = MODELS[input.model]
    const before = await service[`list${plural}`]({ id: input.updates.map((u) => u.id) })
    const byId = new Map(before.map((r) => [r.id, r]))
    const previous = input.updates.map((u) => {
      const row: Record<string, unknown> = byId.get(u.id) ?? {}
      return Object.fromEntries(Object.keys(u).map((k) => [k, k === "id" ? u.id : row[k] ?? null]))
    })
    const updated = await service[`update${plural}`](input.updates)
    return new StepResponse(updated, { model: input.model, previous })
  },
  async (undo, { container }) => {
    if (!undo?.previous?.length) return
    await svc(container)[`update${MODELS[undo.model as ModelName]}`](undo.previous)
  }
)

/** Soft-deletes rows; compensation restores them. */
export const deleteAffiliateRecordsStep = createStep(
  "delete-affiliate-records",
  async (input: { model: ModelName; ids: string[] }, { container }) => {
    if (!input.ids?.length) return new StepResponse(null, null)
    await svc(container)[`softDelete${MODELS[input.model]}`](input.ids)
    return new StepResponse(null, input)
  },
  async (undo, { container }) => {
    if (!undo?.ids?.length) return
    await svc(container)[`restore${MODELS[undo.model as ModelName]}`](undo.ids)
  }
)
