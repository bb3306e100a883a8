import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enrollInSequences, type EnrollInput } from "../automation/engine"

/*
 * Email automations on Medusa's workflow engine. No step needs compensation: enrolling is
 * one insert that ignores duplicates, and a drain that fails part-way leaves its runs
 * leased (claimed_until) until the lease expires, when the next drain picks them up again;
 * the emails it already sent are not sent twice (their notification idempotency key).
 */

const enrollStep = createStep("automation-enroll", async (input: Omit<EnrollInput, "now"> & { now?: string }, { container }) => {
  const ids = await enrollInSequences(container, { ...input, now: input.now ? new Date(input.now) : undefined })
  return new StepResponse(ids)
})
/** Starts the org's active sequences whose trigger this is, for one customer (once per sequence). */
export const enrollInAutomationsWorkflow = createWorkflow(
  "automation-enroll",
  (input: Omit<EnrollInput, "now"> & { now?: string }) => new WorkflowResponse(enrollStep(input))
)
