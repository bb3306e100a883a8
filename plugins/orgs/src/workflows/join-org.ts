import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import type { MemberType } from "../types"
import { ensureMemberStep } from "./steps/create-member"

export type JoinOrgWorkflowInput = { org_id: string; customer_id: string; type?: MemberType }

/**
 * A customer becomes a member of an org, once: a lock on (org, customer), an "already a
 * member?" guard, and a unique index make concurrent and repeated joins harmless.
 */
export const joinOrgWorkflow = createWorkflow("join-org", (input: JoinOrgWorkflowInput) => {
  const lockKey = transform({ input }, ({ input }) => `org-member:${input.org_id}:${input.customer_id}`)
  acquireLockStep({ key: lockKey, timeout: 5, ttl: 10 })
  const result = ensureMemberStep(
    transform({ input }, ({ input }) => ({
      org_id: input.org_id,
      customer_id: input.customer_id,
      type: input.type ?? ("learner" as const),
    }))
  )
  when({ result }, ({ result }) => result.created).then(() =>
    emitEventStep({
      eventName: OrgEvents.MEMBER_JOINED,
      data: transform({ result }, ({ result }) => ({
        id: result.member.id,
        org_id: result.member.org_id,
        customer_id: result.member.customer_id,
      })),
    })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(result)
})
