/**
 * Sets environment variables for the whole spec file, before the app boots, and restores
 * them after. Call at the top level, before medusaIntegrationTestRunner: the runner loads
 * medusa-config.ts in its own beforeAll, before it applies its `env` option, so variables
 * the config reads must be in process.env earlier than that. A function value is computed
 * then (e.g. the port of a fake server started in an earlier beforeAll).
 */
export function useProcessEnv(vars: Record<string, string | (() => string)>) {
  const previous: Record<string, string | undefined> = {}
  beforeAll(() => {
    for (const [k, v] of Object.entries(vars)) {
      previous[k] = process.env[k]
      process.env[k] = typeof v === "function" ? v() : v
    }
  })
  afterAll(() => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
}
