import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { exitOnPurchase } from "../automation/engine"

/*
 * Email automations on Medusa's workflow engine. No step needs compensation: enrolling is
 * one insert that ignores duplicates, and a drain that fails part-way leaves its runs
 * leased (claimed_until) until the lease expires, when the next drain picks them up again;
 * the emails it already sent are not sent twice (their notification idempotency key).
 */

const exitStep = createStep(
  "automation-exit-on-purchase",
  async (input: { org_id: string; customer_id: string; product_ids: string[] }, { container }) =>
    new StepResponse(await exitOnPurchase(container, input))
)
/** A purchase ends the runs of sequences that stop when the customer buys. */
export const exitAutomationsOnPurchaseWorkflow = createWorkflow(
  "automation-exit-on-purchase",
  (input: { org_id: string; customer_id: string; product_ids: string[] }) => new WorkflowResponse(exitStep(input))
)
