#!/usr/bin/env node
// `npm run dev`: database (embedded unless DATABASE_URL), plugins, migrations, demo data,
// then Medusa (and the storefront when present). Ctrl-C stops all of it; data stays.
const fs = require("node:fs")
const path = require("node:path")
const { spawn } = require("node:child_process")
const b = require("./lib/bootstrap")

const log = (msg) => process.stdout.write(`[volmify] ${msg}\n`)

async function main() {
  loadDotEnv()
  const secrets = require("./lib/secrets").applyDevSecrets(path.join(b.ROOT, ".data"), process.env)
  if (secrets.applied.length) log(`${secrets.applied.join(" and ")} from ${path.relative(b.ROOT, secrets.file)}${secrets.created ? " (new random values)" : ""}`)
  process.env.MEDUSA_DISABLE_TELEMETRY ??= "true"
  // The local storefront calls Medusa from loopback with the visitor's X-Forwarded-For.
  process.env.VOLMIFY_TRUSTED_PROXIES ??= "127.0.0.1,::1"
  const port = Number(process.env.PORT || 9000)
  const storefrontPort = Number(process.env.STOREFRONT_PORT || 8000)
  const children = []
  let db
  let stopping = false

  const shutdown = async (code = 0) => {
    if (stopping) return
    stopping = true
    log("Stopping…")
    await Promise.all(children.map((c) => b.stopGroup(c)))
    if (db) await db.stop().catch((e) => log(`Embedded PostgreSQL did not stop cleanly: ${e.message}`))
    log("Stopped.")
    process.exit(code)
  }
  process.on("SIGINT", () => shutdown(0))
  process.on("SIGTERM", () => shutdown(0))
  // A failure outside the awaited steps (e.g. a child process that cannot be spawned) is
  // one line and a clean stop, never a raw stack trace.
  process.on("uncaughtException", (error) => {
    log(`Failed: ${String(error?.message ?? error).split("\n")[0]}`)
    shutdown(1)
  })

  try {
    db = await b.prepareDatabase({ log })
    log(db.embedded ? `Embedded PostgreSQL on port ${db.port}` : "Using DATABASE_URL")
    if (process.env.VOLMIFY_SKIP_PLUGIN_BUILD !== "true") {
      log("Building plugins…")
      await b.buildPlugins({ quiet: true })
    }
    log("Running migrations…")
    await b.migrate(db.url, { quiet: true })
    log("Seeding demo data (first run only; later runs find it)…")
    const summary = await b.seed(db.url, { quiet: true })

    // The storefront starts first: `next dev` writes files under storefront/ as it boots,
    // and `medusa develop` restarts on any file change in the app folder.
    let storefrontUrl = null
    if (fs.existsSync(path.join(b.ROOT, "storefront", "package.json"))) {
      log(`Starting the storefront on :${storefrontPort}…`)
      const key = summary.orgs[0]?.publishable_key
      const storefront = spawn("npm", ["run", "dev", "--prefix", path.join(b.ROOT, "storefront")], {
        cwd: b.ROOT,
        env: {
          ...process.env,
          PORT: String(storefrontPort),
          MEDUSA_BACKEND_URL: `http://localhost:${port}`,
          NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY || key,
        },
        stdio: ["ignore", "pipe", "inherit"],
        detached: true,
      })
      children.push(storefront)
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 60_000)
        storefront.stdout.on("data", (chunk) => {
          process.stdout.write(chunk)
          if (/Ready in/.test(String(chunk))) {
            clearTimeout(timer)
            resolve()
          }
        })
        storefront.on("exit", () => {
          clearTimeout(timer)
          resolve()
        })
      })
      storefrontUrl = `http://localhost:${storefrontPort}`
    }

    // Development email: without SMTP_URL or SendGrid, a local mail catcher (MailDev)
    // receives every email the app sends and shows it in a web inbox.
    const mail = await startMailCatcher(children)

    log(`Starting Medusa on :${port}…`)
    const medusa = b.startMedusa(db.url, { port })
    children.push(medusa.child)
    medusa.child.on("exit", (code) => {
      if (!stopping) {
        log(`Medusa exited (${code}).`)
        shutdown(code || 1)
      }
    })
    const baseUrl = `http://localhost:${port}`
    await b.waitForHealth(baseUrl, { child: medusa.child })

    printBanner({ baseUrl, storefrontUrl, summary, db, mail })
  } catch (error) {
    log(`Failed: ${error.message}`)
    await shutdown(1)
  }
}

function printBanner({ baseUrl, storefrontUrl, summary, db, mail }) {
  const lines = [
    "",
    "Volmify is running.",
    `  Admin:        ${baseUrl}/app`,
    `  Admin login:  ${summary.admin.email} / ${summary.admin.password}`,
    `  Store API:    ${baseUrl}/store`,
    `  Health:       ${baseUrl}/health`,
    storefrontUrl ? `  Storefront:   ${storefrontUrl}` : null,
    `  Email:        ${mail.inbox ? `every email lands in the mail catcher, ${mail.inbox}` : mail.describe}`,
    `  Database:     ${db.embedded ? `embedded PostgreSQL, port ${db.port}, data kept in ${describeDataDir(db)}` : "DATABASE_URL"}`,
    ...summary.orgs.map(
      (o) => `  Publishable key for ${o.name} (${o.handle}): ${o.publishable_key}`
    ),
    ...summary.orgs.map(
      (o) => `  Org owner login for ${o.name} (sees only this org): ${o.owner.email} / ${o.owner.password}`
    ),
    ...(summary.customers ?? []).map(
      (c) => `  Demo customer login for ${c.org_name} (owns ${c.owns}): ${c.email} / ${c.password}`
    ),
    "Press Ctrl-C to stop.",
    "",
  ]
  process.stdout.write(lines.filter((l) => l !== null).join("\n") + "\n")
}

/**
 * MailDev on loopback (SMTP MAIL_CATCHER_SMTP_PORT, inbox MAIL_CATCHER_PORT; free ports when
 * those are taken), unless SMTP_URL or SENDGRID_API_KEY sends real mail or
 * VOLMIFY_MAIL_CATCHER=false. Sets SMTP_URL for Medusa. Messages are kept in .data/mail.
 */
async function startMailCatcher(children) {
  if (process.env.SMTP_URL) return { describe: `sent over SMTP (${redactUrl(process.env.SMTP_URL)})` }
  if (process.env.SENDGRID_API_KEY) return { describe: "sent through SendGrid" }
  if (process.env.VOLMIFY_MAIL_CATCHER === "false") return { describe: "not sent: written to Medusa's log (VOLMIFY_MAIL_CATCHER=false)" }
  const pg = require("./lib/postgres")
  const pick = async (wanted) => ((await pg.isPortFree(wanted)) ? wanted : pg.freePort())
  const smtpPort = await pick(Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025))
  const webPort = await pick(Number(process.env.MAIL_CATCHER_PORT || 1080))
  const dir = path.join(b.ROOT, ".data", "mail")
  fs.mkdirSync(dir, { recursive: true })
  const bin = path.join(b.ROOT, "node_modules", ".bin", "maildev")
  const child = spawn(bin, ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", String(smtpPort), "--web", String(webPort), "--mail-directory", dir, "--silent"], {
    cwd: b.ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  children.push(child)
  await new Promise((resolve, reject) => {
    const until = Date.now() + 60_000
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`the mail catcher (MailDev) exited with code ${child.exitCode}`))
      if (!(await pg.isPortFree(smtpPort))) return resolve()
      if (Date.now() > until) return reject(new Error(`the mail catcher (MailDev) did not listen on :${smtpPort} within 60 s`))
      setTimeout(poll, 200)
    }
    poll()
  })
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`
  const inbox = `http://localhost:${webPort}`
  log(`Mail catcher on :${smtpPort} (SMTP); inbox ${inbox}`)
  return { inbox }
}

function redactUrl(url) {
  try {
    const u = new URL(url)
    if (u.password) u.password = "***"
    return u.toString()
  } catch {
    return "SMTP_URL"
  }
}

function describeDataDir(db) {
  const shown = path.relative(b.ROOT, db.dataDir).startsWith("..") ? db.dataDir : path.relative(b.ROOT, db.dataDir)
  return db.serverDataDir && db.serverDataDir !== db.dataDir ? `${shown} (a link to ${db.serverDataDir})` : shown
}

/** Reads .env into process.env without overriding what the shell set. */
function loadDotEnv() {
  const file = path.join(b.ROOT, ".env")
  if (!fs.existsSync(file)) return
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/)
    if (m && process.env[m[1]] === undefined) {
      process.env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2")
    }
  }
}

main()
