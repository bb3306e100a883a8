import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { RateLimiterAbstract } from "rate-limiter-flexible"
import { clientIp } from "./client-ip"
import { createLimiter, envLimit, isRefusal, tooManyRequests } from "./rate-limit"

/**
 * POST /auth/{actor}/emailpass (login), and its register / reset-password siblings.
 * Failed attempts are counted per account (actor + email) and per client IP; past the
 * limit that key is locked out for a while, even with the right password. Each attempt is
 * counted before it runs (a parallel burst cannot slip through) and given back when it
 * succeeds, so only failures add up: a login resets the account's count.
 */
const defaults = () => ({
  window: envLimit("VOLMIFY_LOGIN_WINDOW_SECONDS", 900),
  lockout: envLimit("VOLMIFY_LOGIN_LOCKOUT_SECONDS", 900),
  perAccount: envLimit("VOLMIFY_LOGIN_MAX_FAILURES_PER_ACCOUNT", 10),
  perIp: envLimit("VOLMIFY_LOGIN_MAX_FAILURES_PER_IP", 50),
})

let limiters: { account: RateLimiterAbstract; ip: RateLimiterAbstract } | null = null
function getLimiters() {
  if (!limiters) {
    const d = defaults()
    limiters = {
      account: createLimiter({ keyPrefix: "login-account", points: d.perAccount, durationSeconds: d.window, blockSeconds: d.lockout }),
      ip: createLimiter({ keyPrefix: "login-ip", points: d.perIp, durationSeconds: d.window, blockSeconds: d.lockout }),
    }
  }
  return limiters
}

const LOGIN_PATH = /^\/auth\/([a-z_]+)\/emailpass\/?$/

export async function throttleEmailpass(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (req.method !== "POST") return next()
  const { account, ip } = getLimiters()
  const path = (req.originalUrl || req.url || "").split("?")[0]
  const login = path.match(LOGIN_PATH)
  const asked = (req.body as { email?: unknown } | undefined)?.email
  const email = typeof asked === "string" ? asked.trim().toLowerCase() : ""
  const accountKey = login && email ? `${login[1]}:${email}` : null
  const ipKey = clientIp(req)

  try {
    await ip.consume(ipKey)
  } catch (error) {
    if (isRefusal(error)) return tooManyRequests(res, error, "failed sign-in attempts from this address")
    throw error
  }
  if (accountKey) {
    try {
      await account.consume(accountKey)
    } catch (error) {
      if (isRefusal(error)) return tooManyRequests(res, error, "failed sign-in attempts for this account")
      throw error
    }
  }
  res.once("finish", () => {
    if (res.statusCode >= 400) return
    void ip.reward(ipKey, 1).catch(() => undefined)
    if (accountKey) void account.delete(accountKey).catch(() => undefined)
  })
  next()
}
