import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import { formatBps, FULL_POOL_BPS, peakPercentBps } from "../../rules/percent-pool"
import { RULE_FIELDS } from "./rule-records"

import { toMinor, fromMinor } from "@volmify/ledger/money"

export type RuleRole = "creator" | "collaborator" | "manager" | "reviewer"
export type RuleType = "percent" | "fixed" | "hybrid"
export type FixedAmount = { currency_code: string; amount: number | string }

export type AttributionRuleInput = {
  product_id: string
  employee_id: string
  role: RuleRole
  type: RuleType
  percent_bps?: number | null
  fixed_amounts?: FixedAmount[] | null
  effective_from?: Date | string | null
  effective_to?: Date | string | null
  created_by?: string | null
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/** Shape rules of a rule by type; fixed amounts exact in their currency. Pure. */
export function normalizeRuleShape(input: AttributionRuleInput) {
  const percent = input.percent_bps ?? 0
  const fixed = input.fixed_amounts ?? []
  if (!Number.isInteger(percent) || percent < 0 || percent > FULL_POOL_BPS) {
    throw invalid(`percent_bps must be an integer from 0 to ${FULL_POOL_BPS}`)
  }
  if (input.type === "percent" || input.type === "hybrid") {
    if (percent < 1) throw invalid(`percent_bps is required (1 to ${FULL_POOL_BPS}) for a ${input.type} rule`)
  } else if (percent !== 0) {
    throw invalid("percent_bps must be empty for a fixed rule")
  }
  if (input.type === "fixed" || input.type === "hybrid") {
    if (!fixed.length) throw invalid(`fixed_amounts is required for a ${input.type} rule`)
  } else if (fixed.length) {
    throw invalid("fixed_amounts must be empty for a percent rule")
  }
  const seen = new Set<string>()
  const fixed_amounts = fixed.map((f, i) => {
    const currency = String(f.currency_code ?? "").toLowerCase()
    const minor = toMinor(f.amount, currency, { exact: true, field: `fixed_amounts[${i}].amount` })
    if (minor <= 0n) throw invalid(`fixed_amounts[${i}].amount must be greater than 0`)
    if (seen.has(currency)) throw invalid(`fixed_amounts[${i}].currency_code ${currency} is listed twice`)
    seen.add(currency)
    return { currency_code: currency, amount: fromMinor(minor, currency) }
  })
  const effective_from = input.effective_from ? new Date(input.effective_from) : new Date()
  const effective_to = input.effective_to ? new Date(input.effective_to) : null
  if (Number.isNaN(effective_from.getTime())) throw invalid("effective_from is not a date")
  if (effective_to && Number.isNaN(effective_to.getTime())) throw invalid("effective_to is not a date")
  if (effective_to && effective_to <= effective_from) throw invalid("effective_to must be after effective_from")
  return { percent_bps: percent, fixed_amounts: fixed_amounts.length ? fixed_amounts : null, effective_from, effective_to }
}

/**
 * Everything a rule must satisfy before it is written: its shape, the product's owner
 * org, the employee being active staff of that org, and the 100 % pool over the rule's
 * whole period (other rules of the product, minus `exclude_id`). Returns the row to write.
 * Runs under the product's lock.
 */
export const validateAttributionRuleStep = createStep(
  "validate-attribution-rule",
  async ({ rule, exclude_id }: { rule: AttributionRuleInput; exclude_id?: string }, { container }) => {
    const shape = normalizeRuleShape(rule)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [product],
    } = await query.graph({ entity: "product", fields: ["id", "title", "org.id"], filters: { id: rule.product_id } })
    if (!product) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product "${rule.product_id}" was not found`)
    const orgId = product.org?.id
    if (!orgId) throw invalid(`product_id "${rule.product_id}" has no owner org: attribution needs one`)
    const {
      data: [employee],
    } = await query.graph({ entity: "org_employee", fields: ["id", "user_id", "status", "org.id"], filters: { id: rule.employee_id } })
    if (!employee || employee.org?.id !== orgId) {
      throw invalid(`employee_id "${rule.employee_id}" is not staff of the product's org`)
    }
    if (employee.status !== "active") throw invalid(`employee_id "${rule.employee_id}" is not an active employee`)

    if (shape.percent_bps > 0) {
      const others = (
        await container
          .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
          .listAttributionRules({ product_id: rule.product_id }, { select: RULE_FIELDS })
      ).filter((r) => r.id !== exclude_id)
      const timed = others.map((r) => ({
        percent_bps: r.percent_bps,
        effective_from: new Date(r.effective_from),
        effective_to: r.effective_to ? new Date(r.effective_to) : null,
      }))
      const window = { from: shape.effective_from, to: shape.effective_to }
      const current = peakPercentBps(timed, window)
      const after = peakPercentBps([...timed, { ...shape }], window)
      if (after > FULL_POOL_BPS) {
        throw invalid(
          `percent_bps: the percent shares on "${product.title}" would reach ${formatBps(after)}; ` +
            `the current total in that period is ${formatBps(current)}, so at most ${formatBps(FULL_POOL_BPS - current)} is left`
        )
      }
    }
    return new StepResponse({
      org_id: orgId as string,
      product_id: rule.product_id,
      employee_id: rule.employee_id,
      user_id: employee.user_id as string,
      role: rule.role,
      type: rule.type,
      ...shape,
      created_by: rule.created_by ?? null,
    })
  }
)

/** One rule by id (404 when missing). */
export const findAttributionRuleStep = createStep("find-attribution-rule", async ({ id }: { id: string }, { container }) => {
  const [rule] = await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .listAttributionRules({ id }, { select: RULE_FIELDS, take: 1 })
  if (!rule) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Attribution rule "${id}" was not found`)
  return new StepResponse(rule as Omit<typeof rule, "fixed_amounts"> & { fixed_amounts: FixedAmount[] | null })
})

/** Rules of an employee still in effect or starting later, as of `at`. */
export const findEmployeeOpenRulesStep = createStep(
  "find-employee-open-rules",
  async ({ employee_id, at: when }: { employee_id: string; at: Date | string }, { container }) => {
    const at = new Date(when)
    const rules = await container
      .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      .listAttributionRules({ employee_id, $or: [{ effective_to: null }, { effective_to: { $gt: at } }] }, { select: RULE_FIELDS })
    return new StepResponse(rules)
  }
)
