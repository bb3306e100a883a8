import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * Is PostgreSQL (and Redis, in Redis mode) reachable from this process? A probe of our own,
 * outside the app's pools: Medusa's knex pool waits up to 60 s for a connection while the
 * database is down (knex's acquire timeout; `propagateCreateError: false`) and ioredis queues
 * commands while Redis is away, so a request would hang instead of failing. The probe opens
 * a fresh connection (1 s timeout) and PINGs Redis on a client without an offline queue, at
 * most once per PROBE_MS; `GET /ready` reports it and `dependencyGate` answers 503 while a
 * dependency is down, so load balancers and clients retry instead of piling up.
 */
export type DependencyState = { postgres: "ok" | "down"; redis: "ok" | "down" | "unused"; checked_at: string; error?: string }

const PROBE_MS = 500
const TIMEOUT_MS = 2000
// A refused connection is down at once; any other failed probe (a slow answer on a loaded
// machine, "too many clients") only after this many in a row, so load alone never turns into 503s.
const SLOW_PROBES_TO_DOWN = 3

let last: DependencyState | null = null
let lastAt = 0
let inflight: Promise<DependencyState> | null = null
/** What the probe uses of its ioredis client (ioredis is required only when Redis is configured). */
type RedisProbeClient = {
  status: string
  on(event: "error", listener: () => void): unknown
  once(event: "ready" | "error", listener: (...args: never[]) => void): unknown
  off(event: "ready" | "error", listener: (...args: never[]) => void): unknown
  connect(): Promise<void>
  ping(): Promise<string>
}
let redisClient: RedisProbeClient | null = null

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer))
}

async function probePostgres(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) return
  const { Client } = require("pg")
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS, query_timeout: TIMEOUT_MS })
  client.on("error", () => undefined)
  try {
    await withTimeout(client.connect(), "PostgreSQL")
    await withTimeout(client.query("select 1"), "PostgreSQL")
  } finally {
    client.end().catch(() => undefined)
  }
}

async function probeRedis(url: string): Promise<void> {
  let client = redisClient
  if (!client) {
    const Redis = require("ioredis")
    client = redisClient = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: TIMEOUT_MS, lazyConnect: true, retryStrategy: () => 500 }) as RedisProbeClient
    client.on("error", () => undefined)
    client.connect().catch(() => undefined)
  }
  if (client.status !== "ready") {
    // Connecting (first use, or reconnecting after a loss): wait for it within the timeout.
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          client.off("ready", onReady)
          client.off("error", onError)
          error ? reject(error) : resolve()
        }
        const onReady = () => done()
        const onError = (error: Error) => done(error)
        client.once("ready", onReady)
        client.once("error", onError)
        setTimeout(() => done(new Error(`Redis: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()
      }),
      "Redis"
    )
  }
  const answer = await withTimeout(client.ping(), "Redis")
  if (answer !== "PONG") throw new Error(`Redis answered ${answer}`)
}

const failedInARow = { postgres: 0, redis: 0 }
/**
 * Failures that mean the server is not there: refused, unresolvable or unreachable, or
 * PostgreSQL starting or shutting down. Anything else (a slow answer on a loaded machine,
 * "too many clients" while the app's own pool still has its connections, an auth hiccup)
 * says little about whether requests can be served, so it counts as down only when it
 * repeats.
 */
const isGone = (reason: unknown) => {
  const code = String((typeof reason === "object" && reason !== null && "code" in reason ? reason.code : undefined) ?? "")
  const message = String((typeof reason === "object" && reason !== null && "message" in reason ? reason.message : undefined) ?? reason)
  return (
    ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "57P01", "57P02", "57P03"].includes(code) ||
    /ECONNREFUSED|the database system is (starting up|shutting down)|terminating connection due to administrator command/i.test(message)
  )
}

/** "down" at once when the server is gone; on any other failure only after SLOW_PROBES_TO_DOWN in a row. */
function verdict(which: "postgres" | "redis", result: PromiseSettledResult<void>): "ok" | "down" {
  if (result.status === "fulfilled") {
    failedInARow[which] = 0
    return "ok"
  }
  failedInARow[which]++
  if (isGone(result.reason)) return "down"
  return failedInARow[which] >= SLOW_PROBES_TO_DOWN ? "down" : (last?.[which] as "ok" | "down") ?? "ok"
}

async function probe(): Promise<DependencyState> {
  const redisUrl = process.env.REDIS_URL
  const [pg, redis] = await Promise.allSettled([probePostgres(), redisUrl ? probeRedis(redisUrl) : Promise.resolve()])
  const errors = [pg, redis].filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason?.message ?? r.reason))
  return {
    postgres: verdict("postgres", pg),
    redis: !redisUrl ? "unused" : verdict("redis", redis),
    checked_at: new Date().toISOString(),
    ...(errors.length ? { error: errors.join("; ") } : {}),
  }
}

/** The dependencies' state, probed at most once per PROBE_MS (concurrent callers share one probe). */
export async function dependencyState(): Promise<DependencyState> {
  if (last && Date.now() - lastAt < PROBE_MS) return last
  if (!inflight) {
    inflight = probe()
      .then((state) => {
        last = state
        lastAt = Date.now()
        return state
      })
      .finally(() => (inflight = null))
  }
  return inflight
}

export const isReady = (s: DependencyState) => s.postgres === "ok" && s.redis !== "down"

const unavailable = (res: MedusaResponse, s: DependencyState) => {
  const down = [s.postgres === "down" && "PostgreSQL", s.redis === "down" && "Redis"].filter(Boolean).join(" and ")
  res.setHeader("Retry-After", "2")
  res.status(503).json({ type: "unavailable", message: `Service unavailable: ${down || "a dependency"} cannot be reached; retry shortly` })
}

/**
 * Every API request: 503 (Retry-After: 2) while PostgreSQL or Redis is unreachable, instead
 * of a request hanging on a pool or failing as a 500. A request that arrives between two
 * probes and fails on a dropped connection is turned into a 503 by the error handler.
 */
export async function dependencyGate(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const state = await dependencyState()
  if (!isReady(state)) return unavailable(res, state)
  next()
}

type ErrorChain = { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; originalError?: unknown }
const asChain = (v: unknown): ErrorChain | undefined => (typeof v === "object" && v !== null ? (v as ErrorChain) : undefined)

/** Errors that mean "a dependency went away", not "the request was wrong". */
export function isDependencyError(error: unknown): boolean {
  const seen = new Set<ErrorChain>()
  for (let e = asChain(error); e && !seen.has(e); e = asChain(e.cause ?? e.originalError)) {
    seen.add(e)
    const code = String(e.code ?? "")
    const message = String(e.message ?? "")
    if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"].includes(code)) return true
    if (e.name === "KnexTimeoutError" || e.name === "MaxRetriesPerRequestError") return true
    if (/Connection terminated|Timeout acquiring a connection|terminating connection due to administrator command|the database system is (starting|shutting) up|Connection is closed|Stream isn't writeable|connect ECONNREFUSED|Transaction query already complete|max retries per request|Client has encountered a connection error and is not queryable/i.test(message)) return true
  }
  return false
}

export function answerDependencyError(res: MedusaResponse) {
  res.setHeader("Retry-After", "2")
  res.status(503).json({ type: "unavailable", message: "Service unavailable: a dependency (PostgreSQL or Redis) was lost during the request; retry shortly" })
}
