import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enrollInactiveStudents } from "../automation/inactivity"

/*
 * No compensation: the step only inserts runs that do not exist (unique per sequence,
 * customer and inactivity episode); a failure part-way leaves runs that a rerun would
 * create anyway.
 */
const enrollInactiveStep = createStep(
  "automation-enroll-inactive",
  async (input: { now?: string; batch?: number }, { container }) =>
    new StepResponse(await enrollInactiveStudents(container, { now: input.now ? new Date(input.now) : new Date(), batch: input.batch }))
)

/**
 * Starts the "no lesson opened for N days" sequences for the students quiet at `now`
 * (default: the clock; tests pass a later time). Safe in several workers at once.
 */
export const enrollInactiveStudentsWorkflow = createWorkflow(
  "automation-enroll-inactive",
  (input: { now?: string; batch?: number }) => new WorkflowResponse(enrollInactiveStep(input))
)
