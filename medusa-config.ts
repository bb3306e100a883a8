import { createSecretKey } from "node:crypto"
import path from "node:path"
import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"
import { parseTrustedProxies } from "@volmify/orgs/security"
import { assertSafeSecrets } from "./src/config/production-guard"

loadEnv(process.env.NODE_ENV || "development", process.cwd())
assertSafeSecrets(process.env)
// A malformed proxy list refuses the start (naming the entry) instead of failing requests.
parseTrustedProxies(process.env.VOLMIFY_TRUSTED_PROXIES)

const env = process.env
const REDIS_URL = env.REDIS_URL || undefined
const STOREFRONT_URL = env.STOREFRONT_URL || "http://localhost:8000"
const BACKEND_URL = env.MEDUSA_BACKEND_URL || `http://localhost:${env.PORT || 9000}`
const JWT_SECRET = env.JWT_SECRET || "supersecret"
const EVENT_WORKER_CONCURRENCY = Math.max(1, Number(env.VOLMIFY_EVENT_CONCURRENCY || 10) || 10)
const workerMode = (env.MEDUSA_WORKER_MODE || "shared") as "shared" | "server" | "worker"

/**
 * With REDIS_URL, events, workflows, caching and locks go through Redis so that server and
 * worker processes can share one Postgres + Redis. Without it, Medusa's in-memory
 * defaults (one process only).
 */
const redisModules = REDIS_URL
  ? [
      {
        key: Modules.EVENT_BUS,
        resolve: "@medusajs/medusa/event-bus-redis",
        options: {
          redisUrl: REDIS_URL,
          // BullMQ's worker runs one job at a time by default: under a burst of checkouts every
          // order.placed (and the grants behind it) queued behind the others. Subscribers here are
          // idempotent (unique keys per order line), so they may run side by side.
          workerOptions: { concurrency: EVENT_WORKER_CONCURRENCY },
          // A failing subscriber is retried (only the ones that failed) instead of being logged and
          // dropped, so a transient database error cannot leave a paid order without its grant.
          jobOptions: { attempts: 5, backoff: { type: "exponential", delay: 1000 } },
        },
      },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl: REDIS_URL } },
      },
      {
        key: Modules.CACHING,
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/caching-redis",
              id: "caching-redis",
              is_default: true,
              options: { redisUrl: REDIS_URL },
            },
          ],
        },
      },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl: REDIS_URL },
            },
          ],
        },
      },
    ]
  : []

/** Stripe when its key is set; otherwise Medusa's system (manual) provider serves the demo. */
const paymentModules = env.STRIPE_API_KEY
  ? [
      {
        key: Modules.PAYMENT,
        resolve: "@medusajs/medusa/payment",
        options: {
          providers: [
            {
              // Medusa's Stripe provider, with its API host configurable (src/modules/stripe-payment).
              // Manual capture on purpose: Stripe's `capture: true` would capture every order,
              // physical ones too; @volmify/access captures all-digital orders after placement.
              resolve: "./src/modules/stripe-payment",
              id: "stripe",
              options: {
                apiKey: env.STRIPE_API_KEY,
                webhookSecret: env.STRIPE_WEBHOOK_SECRET,
                apiHost: env.STRIPE_API_HOST || undefined,
                apiPort: env.STRIPE_API_PORT || undefined,
                apiProtocol: env.STRIPE_API_PROTOCOL || undefined,
              },
            },
          ],
        },
      },
    ]
  : []

/**
 * Files. Public uploads (product images) go to VOLMIFY_UPLOAD_DIR (default ./uploads), which
 * @volmify/orgs serves at /uploads with nosniff, a sandboxing CSP and `attachment` for
 * anything but images and video (not ./static: Medusa serves that folder itself, typed by
 * extension, and an uploaded .html would run on the admin's origin). Private files (lesson
 * videos and attachments, assignment submissions) go where no static server looks, and
 * @volmify/courses hands them out through signed, short-lived links only. With S3_BUCKET,
 * Medusa's S3 provider instead (private objects; presigned downloads that expire with the
 * signed link).
 */
const MEDIA_TTL_SECONDS = Math.min(900, Math.max(1, Number(env.COURSE_MEDIA_URL_TTL_SECONDS || 600) || 600))
const fileProvider = env.S3_BUCKET
  ? {
      resolve: "@medusajs/medusa/file-s3",
      id: "s3",
      options: {
        file_url: env.S3_FILE_URL,
        access_key_id: env.S3_ACCESS_KEY_ID,
        secret_access_key: env.S3_SECRET_ACCESS_KEY,
        region: env.S3_REGION,
        bucket: env.S3_BUCKET,
        endpoint: env.S3_ENDPOINT,
        download_file_duration: MEDIA_TTL_SECONDS,
      },
    }
  : {
      resolve: "@medusajs/medusa/file-local",
      id: "local",
      options: {
        upload_dir: env.VOLMIFY_UPLOAD_DIR || "uploads",
        backend_url: `${BACKEND_URL}/uploads`,
        // Same default as @volmify/courses' `private_files_dir`.
        private_upload_dir: env.VOLMIFY_PRIVATE_FILES_DIR || path.join(process.cwd(), "private-files"),
      },
    }
const fileModules = [{ key: Modules.FILE, resolve: "@medusajs/medusa/file", options: { providers: [fileProvider] } }]

/**
 * Notifications: the "feed" channel (admin feed) and "email" (every email the plugins send,
 * rendered by @volmify/orgs/email). Email goes over SMTP with SMTP_URL (`npm run dev`
 * points it at its local mail catcher), else through SendGrid with SENDGRID_API_KEY, else
 * to the local provider, which writes each message to the log instead of sending it.
 */
const MAIL_FROM = env.MAIL_FROM || env.SENDGRID_FROM || "Volmify <no-reply@volmify.local>"
const emailProvider = env.SMTP_URL
  ? {
      resolve: "./src/modules/smtp-notification",
      id: "smtp",
      options: { channels: ["email"], url: env.SMTP_URL, from: MAIL_FROM },
    }
  : env.SENDGRID_API_KEY
  ? {
      resolve: "@medusajs/medusa/notification-sendgrid",
      id: "sendgrid",
      options: { channels: ["email"], api_key: env.SENDGRID_API_KEY, from: env.SENDGRID_FROM || MAIL_FROM },
    }
  : {
      resolve: "@medusajs/medusa/notification-local",
      id: "local-email",
      options: { name: "Local email (logs only)", channels: ["email"] },
    }
const notificationModules = [
  {
    key: Modules.NOTIFICATION,
    resolve: "@medusajs/medusa/notification",
    options: {
      providers: [
        {
          resolve: "@medusajs/medusa/notification-local",
          id: "local",
          options: { name: "Local Notification Provider", channels: ["feed"] },
        },
        emailProvider,
      ],
    },
  },
]

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    redisUrl: REDIS_URL,
    workerMode,
    http: {
      storeCors: env.STORE_CORS || STOREFRONT_URL,
      adminCors: env.ADMIN_CORS || `${BACKEND_URL},http://localhost:5173`,
      authCors: env.AUTH_CORS || `${BACKEND_URL},${STOREFRONT_URL},http://localhost:5173`,
      // Loopback-only development fallback: the guard above refuses it in production and on
      // any server reachable from elsewhere (HOST unset or not loopback).
      jwtSecret: JWT_SECRET,
      // The same secret as a KeyObject for verifying: given a string, jsonwebtoken first tries
      // to parse it as a public key and throws, on every authenticated request (~2.6 ms of CPU
      // each, measured in the bench profile). HS256 is what Medusa signs with; pinning it also
      // refuses tokens signed with any other algorithm. JWT_PUBLIC_KEY (asymmetric) still wins.
      ...(env.JWT_PUBLIC_KEY
        ? {}
        : {
            jwtPublicKey: createSecretKey(Buffer.from(JWT_SECRET)) as unknown as string,
            jwtOptions: { algorithm: "HS256" as const },
            jwtVerifyOptions: { algorithms: ["HS256" as const] },
          }),
      cookieSecret: env.COOKIE_SECRET || "supersecret",
      // gzip for clients that ask (browsers, Node's fetch): a big course outline is ~150 KB
      // of JSON, ~10x smaller gzipped. VOLMIFY_HTTP_COMPRESSION=false leaves it to a proxy.
      compression: { enabled: env.VOLMIFY_HTTP_COMPRESSION !== "false", level: 6 },
    },
    // Production marks the session cookie `secure`; a plain-http local test of a production
    // build can turn that off with COOKIE_SECURE=false. Never do that behind real traffic.
    cookieOptions:
      env.COOKIE_SECURE === "false" ? { secure: false, sameSite: "lax" } : undefined,
  },
  admin: {
    disable: env.DISABLE_MEDUSA_ADMIN === "true" || workerMode === "worker",
    // "/" = the origin that served the dashboard, so any PORT works without configuration.
    backendUrl: env.MEDUSA_BACKEND_URL || "/",
  },
  featureFlags: REDIS_URL ? { caching: true } : {},
  plugins: [
    { resolve: "@volmify/orgs", options: {} },
    // All-digital orders are captured right after placement unless VOLMIFY_AUTO_CAPTURE=false.
    { resolve: "@volmify/access", options: { autoCaptureDigitalOrders: env.VOLMIFY_AUTO_CAPTURE !== "false" } },
    { resolve: "@volmify/courses", options: {} },
    { resolve: "@volmify/ledger", options: {} },
    { resolve: "@volmify/attribution", options: {} },
    { resolve: "@volmify/affiliates", options: {} },
    { resolve: "@volmify/analytics", options: {} },
    { resolve: "@volmify/pages", options: {} },
  ],
  modules: [...redisModules, ...paymentModules, ...notificationModules, ...fileModules],
})
