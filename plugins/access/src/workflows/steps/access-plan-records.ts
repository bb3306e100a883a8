import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { AccessPlanFields, AccessPlanRecord } from "../../types/records"

export type AccessPlanInput = {
  variant_id: string
  product_id: string
  tier: number
  duration_days?: number | null
  billing?: "one_time" | "subscription"
  interval?: "week" | "month" | "year" | null
  interval_count?: number | null
  trial_days?: number
  max_payments?: number | null
  scope?: "course" | "org"
}

const FIELDS = [
  "id", "variant_id", "product_id", "tier", "duration_days", "billing",
  "interval", "interval_count", "trial_days", "max_payments", "scope",
] as const

/** Creates or replaces a variant's plan; compensation restores what was there (or nothing). */
export const upsertAccessPlanStep = createStep(
  "upsert-access-plan",
  async (input: AccessPlanInput, { container }) => {
    if (!Number.isInteger(input.tier) || input.tier < 1) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `tier must be an integer >= 1, got ${input.tier}`)
    }
    if (input.billing === "subscription" && !input.interval) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "a subscription plan needs an interval (week, month or year)")
    }
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [existing] = await service.listAccessPlans({ variant_id: input.variant_id }, { take: 1, select: [...FIELDS] })
    const data: AccessPlanFields = {
      variant_id: input.variant_id,
      product_id: input.product_id,
      tier: input.tier,
      duration_days: input.duration_days ?? null,
      billing: input.billing ?? "one_time",
      ...(input.billing === "subscription"
        ? {
            interval: input.interval ?? null,
            interval_count: input.interval_count ?? 1,
            trial_days: input.trial_days ?? 0,
            max_payments: input.max_payments ?? null,
            scope: input.scope ?? "course",
          }
        : { interval: null, interval_count: null, trial_days: 0, max_payments: null, scope: "course" }),
    }
    const plan: AccessPlanRecord = existing
      ? await service.updateAccessPlans({ id: existing.id, ...data })
      : await service.createAccessPlans(data)
    const undo: { previous: AccessPlanFields | null; created_id: string | null } = existing
      ? { previous: existing, created_id: null }
      : { previous: null, created_id: plan.id }
    return new StepResponse(plan, undo)
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    if (undo.created_id) {
      await service.deleteAccessPlans(undo.created_id)
    } else if (undo.previous) {
      await service.updateAccessPlans(undo.previous)
    }
  }
)

/** Soft-deletes a variant's plan (404 when it has none); compensation restores it. */
export const removeAccessPlanStep = createStep(
  "remove-access-plan",
  async ({ variant_id }: { variant_id: string }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [existing] = await service.listAccessPlans({ variant_id }, { take: 1, select: ["id"] })
    if (!existing) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant "${variant_id}" has no access plan`)
    }
    await service.softDeleteAccessPlans([existing.id])
    return new StepResponse(existing.id, existing.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    await container.resolve<AccessModuleService>(ACCESS_MODULE).restoreAccessPlans([id])
  }
)
