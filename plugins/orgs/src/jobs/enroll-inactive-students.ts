import type { MedusaContainer } from "@medusajs/framework/types"
import { enrollInactiveStudentsWorkflow } from "../workflows/automation-inactivity"

/**
 * Every 15 minutes: enrolls the students who opened no lesson for the N days of an active
 * "no lesson opened" sequence (once per inactivity episode); the drain job sends the
 * emails. Every worker may run it: runs are unique per sequence, customer and episode.
 */
export default async function enrollInactiveStudentsJob(container: MedusaContainer) {
  await enrollInactiveStudentsWorkflow(container).run({ input: {} })
}

export const config = { name: "enroll-inactive-students", schedule: "*/15 * * * *" }
