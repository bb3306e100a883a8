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
