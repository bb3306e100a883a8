/**
 * Refuses to run a production server with a missing or guessable secret. Medusa signs
 * admin and customer JWTs with JWT_SECRET and sessions with COOKIE_SECRET; a known value
 * lets anyone forge an admin token, so this fails loudly instead of warning.
 */
export const REQUIRED_PRODUCTION_SECRETS = ["JWT_SECRET", "COOKIE_SECRET"] as const

/** Values shipped in Medusa's starters, docs and common .env examples. */
export const WELL_KNOWN_SECRETS = [
  "supersecret",
  "secret",
  "changeme",
  "change-me",
  "change_me",
  "password",
  "medusa",
  "jwt_secret",
  "cookie_secret",
  "something",
  "test",
  "dev",
] as const

export const MIN_SECRET_LENGTH = 16

export class InsecureProductionConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Refusing to start with NODE_ENV=production: ${problems.join("; ")}. ` +
        `Set each to a long random value (e.g. \`openssl rand -hex 32\`).`
    )
    this.name = "InsecureProductionConfigError"
  }
}

/** Lists what is wrong with the secrets in `env`; empty when they are fine. */
export function findProductionSecretProblems(
  env: Record<string, string | undefined>
): string[] {
  const problems: string[] = []
  for (const name of REQUIRED_PRODUCTION_SECRETS) {
    const value = env[name]?.trim()
    if (!value) {
      problems.push(`${name} is not set`)
    } else if (
      (WELL_KNOWN_SECRETS as readonly string[]).includes(value.toLowerCase())
    ) {
      problems.push(`${name} is a well-known default ("${value}")`)
    } else if (value.length < MIN_SECRET_LENGTH) {
      problems.push(
        `${name} is too short (${value.length} characters, at least ${MIN_SECRET_LENGTH})`
      )
    }
  }
  return problems
}

/** Throws when NODE_ENV=production and a secret is missing, a default or too short. */
export function assertProductionSecrets(
  env: Record<string, string | undefined> = process.env
): void {
  if (env.NODE_ENV !== "production") {
    return
  }
  const problems = findProductionSecretProblems(env)
  if (problems.length) {
    throw new InsecureProductionConfigError(problems)
  }
}
