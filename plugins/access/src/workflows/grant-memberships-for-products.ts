import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { createEntitlementsStep } from "./steps/entitlement-records"
import { planMembershipGrantsStep } from "./steps/plan-membership-grants"

/**
 * An org-wide membership covers courses created after it started: product.created ->
 * the membership's tier on the new product for every live org-scope subscription of the
 * product's org. Idempotent through the unique (source_type, source_id) of entitlements.
 */
export const grantMembershipsForProductsWorkflow = createWorkflow(
  "grant-memberships-for-products",
  (input: { product_ids: string[]; now: Date }) => {
    const toCreate = planMembershipGrantsStep(input)
    const created = createEntitlementsStep(toCreate).config({ name: "create-membership-entitlements" })
    when({ created }, ({ created }) => created.length > 0).then(() => {
      emitEventStep({
        eventName: AccessEvents.ENTITLEMENTS_GRANTED,
        data: transform({ created }, ({ created }) => ({
          ids: created.map((e) => e.id),
          customer_id: created[0].customer_id,
          product_ids: [...new Set(created.map((e) => e.product_id))],
        })),
      })
    })
    return new WorkflowResponse(created)
  }
)
