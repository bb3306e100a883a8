import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { drainDueRuns } from "../automation/engine"

/*
 * Email automations on Medusa's workflow engine. No step needs compensation: enrolling is
 * one insert that ignores duplicates, and a drain that fails part-way leaves its runs
 * leased (claimed_until) until the lease expires, when the next drain picks them up again;
 * the emails it already sent are not sent twice (their notification idempotency key).
 */

const drainStep = createStep(
  "automation-drain-due",
  async (input: { now?: string; limit?: number; concurrency?: number }, { container }) => {
    const result = await drainDueRuns(container, {
      now: input.now ? new Date(input.now) : new Date(),
      limit: input.limit,
      concurrency: input.concurrency,
    })
    return new StepResponse(result)
  }
)
/**
 * Sends what is due at `now` (default: the clock; tests pass a later time). Safe to run in
 * several workers at once: each claims disjoint runs (FOR UPDATE SKIP LOCKED).
 */
export const drainAutomationsWorkflow = createWorkflow(
  "automation-drain-due",
  (input: { now?: string; limit?: number; concurrency?: number }) => new WorkflowResponse(drainStep(input))
)
