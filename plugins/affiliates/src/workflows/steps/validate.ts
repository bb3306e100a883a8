import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../../modules/affiliates"
import { fromMinor, toMinor } from "../../utils/ledger"

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)
const svc = (container: MedusaContainer) => container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)

export type RateInput = {
  commission_type?: "percent" | "fixed" | null
  commission_bps?: number | null
  fixed_amounts?: { currency_code: string; amount: number | string }[] | null
}

/** A rate's fields, checked and normalised (exact amounts in the currency's digits, codes lower-case). */
export function normaliseRate(input: RateInput, field = ""): RateInput {
  const out: RateInput = {}
  if (input.commission_type === undefined) return out
  out.commission_type = input.commission_type
  if (input.commission_type === null) return { commission_type: null, commission_bps: null, fixed_amounts: null }
  if (input.commission_type === "percent") {
    if (input.commission_bps === undefined || input.commission_bps === null) throw invalid(`${field}commission_bps is required for a percent rate`)
    out.commission_bps = input.commission_bps
    out.fixed_amounts = null
  } else {
    if (!input.fixed_amounts?.length) throw invalid(`${field}fixed_amounts is required for a fixed rate`)
    const seen = new Set<string>()
    out.fixed_amounts = input.fixed_amounts.map((f, i) => {
      const currency = f.currency_code.toLowerCase()
      if (seen.has(currency)) throw invalid(`${field}fixed_amounts[${i}].currency_code ${currency} appears twice`)
      seen.add(currency)
      const minor = toMinor(f.amount, currency, { exact: true, field: `${field}fixed_amounts[${i}].amount` })
      if (minor < 0n) throw invalid(`${field}fixed_amounts[${i}].amount must not be negative`)
      return { currency_code: currency, amount: fromMinor(minor, currency) }
    })
    out.commission_bps = null
  }
  return out
}

/** Normalises minimum payouts (exact in the currency's digits). */
export function normaliseMinimums(list: { currency_code: string; amount: number | string }[] | null | undefined) {
  if (list === undefined) return undefined
  if (list === null) return null
  return list.map((f, i) => {
    const currency = f.currency_code.toLowerCase()
    const minor = toMinor(f.amount, currency, { exact: true, field: `minimum_payouts[${i}].amount` })
    if (minor < 0n) throw invalid(`minimum_payouts[${i}].amount must not be negative`)
    return { currency_code: currency, amount: fromMinor(minor, currency) }
  })
}

/**
 * Checks an application: the org's program is enabled, the customer is not already in it,
 * the code (given or generated) is free in the org. Returns the row to create.
 */
export const planAffiliateApplicationStep = createStep(
  "plan-affiliate-application",
  async (input: { org_id: string; customer_id: string; email?: string | null; code?: string | null }, { container }) => {
    const service = svc(container)
    const [program] = await service.listAffiliatePrograms({ org_id: input.org_id })
    if (!program?.enabled) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This store has no open affiliate program")
    const [existing] = await service.listAffiliates({ org_id: input.org_id, customer_id: input.customer_id })
    if (existing) throw new MedusaError(MedusaError.Types.CONFLICT, `You already applied to this program (status ${existing.status})`)
    let code = input.code?.trim().toUpperCase()
    if (code) {
      const [taken] = await service.listAffiliates({ org_id: input.org_id, code })
      if (taken) throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `code "${code}" is already taken in this store`)
    } else {
      for (let i = 0; i < 10 && !code; i++) {
        const candidate = Math.random().toString(36).slice(2, 10).toUpperCase().padEnd(8, "X")
        const [taken] = await service.listAffiliates({ org_id: input.org_id, code: candidate })
        if (!taken) code = candidate
      }
      if (!code) throw new MedusaError(MedusaError.Types.CONFLICT, "Could not generate a free code; choose one")
    }
    const approved = program.approval === "automatic"
    return new StepResponse({
      org_id: input.org_id,
      customer_id: input.customer_id,
      email: input.email?.toLowerCase() ?? null,
      code,
      status: approved ? "approved" : "pending",
      status_changed_at: new Date(),
    })
  }
)

/** The affiliate `id` of `org_id` (404 otherwise; another org's affiliate does not exist for you). */
export async function loadAffiliateInOrg(container: MedusaContainer, id: string, orgId: string | null) {
  const [affiliate] = await svc(container).listAffiliates({ id })
  if (!affiliate || (orgId !== null && affiliate.org_id !== orgId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Affiliate "${id}" was not found`)
  }
  return affiliate
}

export const assertProductOfOrgStep = createStep(
  "assert-affiliate-product-of-org",
  async (input: { product_id: string; org_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "product", fields: ["id", "org.id"], filters: { id: input.product_id } })
    // `org` is the product's link to its org (@volmify/orgs' org-product link).
    if (!data.length || (data[0] as { org?: { id: string } | null }).org?.id !== input.org_id) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product "${input.product_id}" was not found`)
    }
    return new StepResponse(true)
  }
)
