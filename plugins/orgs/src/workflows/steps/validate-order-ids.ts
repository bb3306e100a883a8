import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const MAX_BATCH_ORDERS = 1000

/**
 * A backlog batch's order ids (revenue postings, affiliate commissions): 1 to 1,000 non-empty strings, duplicates dropped (400s naming the problem).
 * Orders belong to orgs (by sales channel), and both plugins that replay orders
 * (attribution, affiliates) depend on orgs, so the one step lives here.
 */
export const validateOrderIdsStep = createStep("validate-backlog-order-ids", async (input: { order_ids: string[] }) => {
  const ids = input?.order_ids
  if (!Array.isArray(ids) || !ids.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, "order_ids must be a non-empty array of order ids")
  const bad = ids.findIndex((id) => typeof id !== "string" || !id.trim())
  if (bad >= 0) throw new MedusaError(MedusaError.Types.INVALID_DATA, `order_ids[${bad}] must be an order id`)
  const unique = [...new Set(ids)]
  if (unique.length > MAX_BATCH_ORDERS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `order_ids holds ${unique.length} orders; at most ${MAX_BATCH_ORDERS} per batch`)
  }
  return new StepResponse(unique)
})
