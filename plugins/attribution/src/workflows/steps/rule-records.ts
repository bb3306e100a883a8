import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"

type CreateRuleInput = Parameters<AttributionModuleService["createAttributionRules"]>[0][number]
type UpdateRulesInput = Parameters<AttributionModuleService["updateAttributionRules"]>[0]

const service = (container: { resolve<T>(key: string): T }) => container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

export const RULE_FIELDS = [
  "id",
  "org_id",
  "product_id",
  "employee_id",
  "user_id",
  "role",
  "type",
  "percent_bps",
  "fixed_amounts",
  "effective_from",
  "effective_to",
  "ended_reason",
  "created_by",
  "created_at",
]

/** Creates a rule; compensation deletes it. */
export const createAttributionRuleStep = createStep(
  "create-attribution-rule",
  async (data: Record<string, unknown>, { container }) => {
    const rule = await service(container).createAttributionRules(data as CreateRuleInput)
    return new StepResponse(rule, rule.id)
  },
  async (id, { container }) => {
    if (!id) return
    await service(container).deleteAttributionRules(id)
  }
)

type RuleRow = Awaited<ReturnType<AttributionModuleService["listAttributionRules"]>>[number]
type RuleUpdate = { id: string } & Record<string, unknown>

/** Updates rules; compensation writes back the previous values of the changed fields. */
export const updateAttributionRulesStep = createStep(
  "update-attribution-rules",
  async (updates: RuleUpdate[], { container }) => {
    if (!updates?.length) return new StepResponse([] as RuleRow[], [] as RuleUpdate[])
    const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
    const before = await service(container).listAttributionRules({ id: updates.map((u) => u.id) }, { select: fields })
    const updated = (await service(container).updateAttributionRules(updates as UpdateRulesInput)) as RuleRow[]
    return new StepResponse(updated, before as unknown as RuleUpdate[])
  },
  async (before, { container }) => {
    if (!before?.length) return
    await service(container).updateAttributionRules(before as UpdateRulesInput)
  }
)

/** Soft-deletes rules; compensation restores them. */
export const removeAttributionRulesStep = createStep(
  "remove-attribution-rules",
  async (ids: string[], { container }) => {
    if (!ids?.length) return new StepResponse([] as string[], [] as string[])
    await service(container).softDeleteAttributionRules(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await service(container).restoreAttributionRules(ids)
  }
)
