import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../events"
import { grantEntitlementsForOrderWorkflow } from "./grant-entitlements-for-order"
import { updateEntitlementsStep } from "./steps/entitlement-records"
import { markGuestClaimLinkUsedStep } from "./steps/guest-claim-link"
import { checkGuestClaimStep, planGuestClaimStep } from "./steps/plan-guest-claim"

export type ClaimGuestEntitlementsInput = {
  customer_id: string
  org_id: string
  /** Proof by guest order token: that order only. */
  order_id?: string | null
  /** Proof by emailed claim link: its issue time (recorded, so the link works once). */
  link_issued_at?: number | null
}

/**
 * Moves the entitlements a guest bought to the account with the same (proven) email:
 * lock on the account -> read-only plan -> compensated update of `customer_id` -> the link
 * marked used -> `entitlement.claimed` (courses enrolls the account). With an order token
 * (right after checkout) the order's grant runs first, under the order's entitlement lock
 * held until the move: a sign-up faster than the `order.placed` subscriber loses nothing. Orders, payments,
 * ledger postings and attribution stay as they are: the order stays the order. Replays
 * find nothing left to move.
 */
export const claimGuestEntitlementsWorkflow = createWorkflow(
  "claim-guest-entitlements",
  (input: ClaimGuestEntitlementsInput) => {
    const lockKey = transform({ input }, ({ input }) => `guest-claim:${input.customer_id}`)
    const orderKey = transform({ input }, ({ input }) => `entitlements:order:${input.order_id}`)
    const planInput = transform({ input }, ({ input }) => ({
      customer_id: input.customer_id,
      org_id: input.org_id,
      order_id: input.order_id ?? null,
    }))
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 }).config({ name: "lock-guest-claim" })
    when("claim-by-order-token", { input }, ({ input }) => !!input.order_id).then(() => {
      checkGuestClaimStep(planInput)
      // The grant's own lock step is skipped in a sub-workflow: the order's lock is taken here.
      acquireLockStep({ key: orderKey, timeout: 30, ttl: 60 }).config({ name: "lock-order-entitlements-for-claim" })
      grantEntitlementsForOrderWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ order_id: input.order_id as string })) })
    })
    const plan = planGuestClaimStep(planInput)
    const moved = updateEntitlementsStep(transform({ plan }, ({ plan }) => plan.to_move))
    when("claimed-by-order-token", { input }, ({ input }) => !!input.order_id).then(() => {
      releaseLockStep({ key: orderKey }).config({ name: "unlock-order-entitlements-after-claim" })
    })
    when({ input }, ({ input }) => typeof input.link_issued_at === "number").then(() =>
      markGuestClaimLinkUsedStep(
        transform({ input, plan }, ({ input, plan }) => ({
          customer_id: input.customer_id,
          org_id: input.org_id,
          issued_at: input.link_issued_at as number,
          metadata: plan.account.metadata,
        }))
      )
    )
    when({ plan }, ({ plan }) => plan.ids.length > 0).then(() =>
      emitEventStep({
        eventName: AccessEvents.ENTITLEMENTS_CLAIMED,
        data: transform({ plan, input }, ({ plan, input }) => ({
          ids: plan.ids,
          customer_id: input.customer_id,
          product_ids: plan.product_ids,
          order_ids: plan.order_ids,
          from_customer_ids: plan.from_customer_ids,
        })),
      })
    )
    releaseLockStep({ key: lockKey }).config({ name: "unlock-guest-claim" })
    return new WorkflowResponse(
      transform({ plan, moved }, ({ plan, moved }) => ({
        claimed: moved.map((e) => e.id),
        product_ids: plan.product_ids,
        order_ids: plan.order_ids,
        already_yours: plan.already_yours,
      }))
    )
  }
)
