import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible"

/**
 * Rate limiters shared by the plugins (rate-limiter-flexible). With REDIS_URL the counters
 * live in Redis, so every server process of a scaled-out deployment sees the same count;
 * otherwise in memory (one process). A limiter allows `points` per `duration` seconds per
 * key; past that, the key is refused for `blockSeconds` (a lockout that expires).
 */
export type LimitOptions = { keyPrefix: string; points: number; durationSeconds: number; blockSeconds?: number }

let redisClient: unknown = null
function sharedRedis(url: string) {
  if (!redisClient) {
    // ioredis comes with Medusa's Redis modules; loaded only in Redis mode.
    const Redis = require("ioredis")
    const client: { on?: (event: string, listener: () => void) => unknown } = new Redis(url, {
      enableOfflineQueue: false,
      lazyConnect: false,
      maxRetriesPerRequest: 1,
    })
    client.on?.("error", () => undefined)
    redisClient = client
  }
  return redisClient
}

export function createLimiter(opts: LimitOptions): RateLimiterAbstract {
  const common = {
    keyPrefix: `volmify:rl:${opts.keyPrefix}`,
    points: opts.points,
    duration: opts.durationSeconds,
    blockDuration: opts.blockSeconds ?? 0,
  }
  const url = process.env.REDIS_URL
  if (url) {
    // Memory takes over while Redis is unreachable, rather than failing every login.
    return new RateLimiterRedis({ ...common, storeClient: sharedRedis(url), insuranceLimiter: new RateLimiterMemory(common) })
  }
  return new RateLimiterMemory(common)
}

/** A positive integer from the environment, else `fallback`. */
export function envLimit(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

/** Answers 429 with Retry-After (whole seconds) for a refused key. */
export function tooManyRequests(res: MedusaResponse, refusal: RateLimiterRes, what: string) {
  const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
  res.setHeader("Retry-After", String(seconds))
  res.status(429).json({ type: "too_many_requests", message: `Too many ${what}; try again in ${seconds} seconds` })
}

export const isRefusal = (error: unknown): error is RateLimiterRes => error instanceof RateLimiterRes

/**
 * A middleware counting every request per key (e.g. the client IP); a 429 once the key is
 * over its limit. The limiter is made on first use, after the environment is loaded.
 */
export function rateLimitBy(
  make: () => LimitOptions,
  keyOf: (req: MedusaRequest) => string,
  what: string
) {
  let limiter: RateLimiterAbstract | null = null
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    limiter ??= createLimiter(make())
    try {
      await limiter.consume(keyOf(req))
    } catch (error) {
      if (isRefusal(error)) return tooManyRequests(res, error, what)
      throw error
    }
    next()
  }
}
