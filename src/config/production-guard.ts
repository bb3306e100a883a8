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

/** Medusa CLI commands that load the config without serving HTTP (migrations, scripts, builds). */
const NON_SERVING_COMMANDS = /^(db:.*|exec|user|build|plugin:.*|migrations|links|telemetry|new|seed)$/

/** Whether `host` names only this machine (Medusa's listen address, `HOST` / `--host`). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1")
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h)
}

/**
 * Whether this process will answer HTTP beyond loopback: Medusa listens on `HOST`, and on
 * every interface when it is unset. `medusa db:migrate`, `exec` and the like load the same
 * config without listening, so they are left alone.
 */
export function listensBeyondLoopback(env: Record<string, string | undefined>, argv: string[] = process.argv): boolean {
  const cliCommand = /(^|[\\/])medusa(\.js)?$|[\\/]@medusajs[\\/]cli[\\/]/.test(argv[1] ?? "") ? argv[2] : undefined
  if (cliCommand && NON_SERVING_COMMANDS.test(cliCommand)) return false
  const host = env.HOST?.trim()
  return !host || !isLoopbackHost(host)
}

export class InsecureListenConfigError extends Error {
  constructor(readonly problems: string[], host: string | undefined) {
    super(
      `Refusing to listen on ${host ? `"${host}"` : "every interface (HOST is unset)"} with unsafe secrets: ` +
        `${problems.join("; ")}. Anyone who can reach the server could forge an admin token. ` +
        `Set each to a long random value (e.g. \`openssl rand -hex 32\`; \`npm run dev\` does it for you), ` +
        `or set HOST=127.0.0.1 to serve this machine only.`
    )
    this.name = "InsecureListenConfigError"
  }
}

/**
 * The server's secret check: production always, and any server that listens beyond
 * loopback, whatever NODE_ENV says (a development server on a LAN is as forgeable).
 */
export function assertSafeSecrets(
  env: Record<string, string | undefined> = process.env,
  argv: string[] = process.argv
): void {
  assertProductionSecrets(env)
  if (!listensBeyondLoopback(env, argv)) {
    return
  }
  const problems = findProductionSecretProblems(env)
  if (problems.length) {
    throw new InsecureListenConfigError(problems, env.HOST?.trim() || undefined)
  }
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
