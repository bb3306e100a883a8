import { WorkflowScheduler } from "@medusajs/framework/orchestration"

/**
 * Runs an exported workflow with an extra step appended after `afterStepId` that throws,
 * so every step before it must compensate. Returns the run's errors.
 */
export async function runFailingAfter(
  workflow: { appendAction: Function; run: Function },
  afterStepId: string,
  input: unknown
): Promise<{ errors: { error: { message: string } }[] }> {
  workflow.appendAction("fail-for-test", afterStepId, {
    invoke: async () => {
      throw new Error("forced failure after " + afterStepId)
    },
  })
  return workflow.run({ input, throwOnError: false })
}

/**
 * Unschedules the app's own scheduled jobs (by their `config.name`) for the rest of the spec
 * file: a safety net firing on the wall clock (every 2 minutes for some) would otherwise do
 * between a case's steps what the case asserts was not done, e.g. post a captured order
 * right after a rolled-back posting. Call in the file's beforeAll, once the app is up.
 */
export async function unscheduleJobs(...names: string[]): Promise<void> {
  const scheduler = new WorkflowScheduler()
  for (const name of names) await scheduler.clearWorkflow({ id: `job-${name}` })
}
