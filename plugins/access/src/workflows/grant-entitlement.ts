import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ulid } from "ulid"
import { AccessEvents } from "../events"
import { entitlementExpiry } from "../rules/paid-order"
import { createEntitlementsStep } from "./steps/entitlement-records"

export type GrantEntitlementWorkflowInput = {
  customer_id: string
  product_id: string
  tier: number
  duration_days?: number | null
  reason: string
  granted_by: string
  source_type?: "manual" | "gift"
}

/** The customer and product must exist (404 naming which). */
const assertGrantTargetsStep = createStep(
  "assert-entitlement-targets",
  async ({ customer_id, product_id }: { customer_id: string; product_id: string }, { container }) => {
    const query = container.resolve("query")
    const [{ data: customers }, { data: products }] = await Promise.all([
      query.graph({ entity: "customer", fields: ["id"], filters: { id: customer_id } }),
      query.graph({ entity: "product", fields: ["id"], filters: { id: product_id } }),
    ])
    if (!customers.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer "${customer_id}" was not found`)
    if (!products.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product "${product_id}" was not found`)
    return new StepResponse(true)
  }
)

/** Staff grant a tier by hand (or as a gift), with a reason. Each grant is its own source. */
export const grantEntitlementWorkflow = createWorkflow(
  "grant-entitlement",
  (input: GrantEntitlementWorkflowInput) => {
    assertGrantTargetsStep({ customer_id: input.customer_id, product_id: input.product_id })
    const created = createEntitlementsStep(
      transform({ input }, ({ input }) => {
        const now = new Date()
        const type = input.source_type ?? "manual"
        return [
          {
            customer_id: input.customer_id,
            product_id: input.product_id,
            tier: input.tier,
            source_type: type,
            source_id: `${type}_${ulid()}`,
            starts_at: now,
            expires_at: entitlementExpiry(now, input.duration_days),
            reason: input.reason,
            granted_by: input.granted_by,
          },
        ]
      })
    )
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_GRANTED,
      data: transform({ created }, ({ created }) => ({
        ids: created.map((e) => e.id),
        customer_id: created[0].customer_id,
        product_ids: [created[0].product_id],
      })),
    })
    return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
  }
)
