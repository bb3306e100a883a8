export { clientIp, parseTrustedProxies } from "./client-ip"
export { createLimiter, envLimit, rateLimitBy, tooManyRequests, isRefusal, type LimitOptions } from "./rate-limit"
export { throttleEmailpass } from "./login-throttle"
