#!/usr/bin/env node
// The JavaScript budget of the course page (issue 30): the gzip size of every script a
// browser fetches to show the page, read from the page itself (its <script src> tags and the
// chunks its RSC payload names for client components), sized from the production build in
// `.next/`. Deterministic for a given build and page: the CI check (storefront.spec.ts) and
// the bench (P5) both use it.
//
//   node storefront/scripts/js-budget.js <page url> [--budget-kb N]
//
// exits 1 when the page's JS is over budget. Polyfills (`nomodule`) are not counted: no
// browser that runs modules fetches them.
const fs = require("node:fs")
const path = require("node:path")
const zlib = require("node:zlib")

/**
 * The budget in KB (1,024 bytes) of gzip JS for the course page. The App Router's own
 * client (React DOM and Next's router, ~131 KB gzip) is the floor on any page; what is
 * left is room for the islands the page needs (buy buttons are server-action forms and
 * need none).
 */
const JS_BUDGET_KB = 150

const NEXT_DIR = path.join(__dirname, "..", ".next")

/** Every `/_next/static/...js` file the HTML makes the browser load, in first-seen order. */
function scriptsOfHtml(html) {
  const files = new Set()
  // <script src="/_next/static/chunks/..."> except nomodule polyfills.
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1]
    if (/\bnomodule\b/i.test(attrs)) continue
    const src = /\bsrc="([^"]+)"/.exec(attrs)
    if (src && src[1].includes("/_next/static/") && src[1].split("?")[0].endsWith(".js")) files.add(src[1].split("?")[0].replace(/^.*?\/_next\//, ""))
  }
  // Chunks the RSC payload lists for client components ("static/chunks/...js", escaped in a
  // JS string): the router loads them before it hydrates.
  for (const m of html.matchAll(/static\/chunks\/[A-Za-z0-9_\-\/.\[\]%]+?\.js/g)) {
    const file = m[0].replace(/\\/g, "")
    if (!/polyfills-/.test(file)) files.add(file)
  }
  return [...files].map((f) => decodeURIComponent(f))
}

/**
 * Sizes of the scripts an HTML page loads, from the build in `nextDir`.
 * @returns {{ framework_gzip_kb: number, page_gzip_kb: number, files: {file: string, bytes: number, gzip_bytes: number}[], total_bytes: number, gzip_bytes: number, gzip_kb: number, budget_kb: number, within_budget: boolean }}
 */
function measureHtml(html, { nextDir = NEXT_DIR, budgetKb = JS_BUDGET_KB } = {}) {
  const files = scriptsOfHtml(html).map((file) => {
    const full = path.join(nextDir, file)
    if (!fs.existsSync(full)) throw new Error(`${file} is referenced by the page but not in ${nextDir} (a page from another build?)`)
    const body = fs.readFileSync(full)
    return { file, bytes: body.length, gzip_bytes: zlib.gzipSync(body, { level: 9 }).length }
  })
  if (!files.length) throw new Error("the page references no script of the build: not a Next.js page?")
  const gzip = files.reduce((s, f) => s + f.gzip_bytes, 0)
  const gzipKb = Math.round((gzip / 1024) * 10) / 10
  // The App Router's own client (React DOM, the router), loaded on every page, apart from
  // what this page adds (its layout and page chunks, client components).
  const manifest = path.join(nextDir, "build-manifest.json")
  const root = new Set(fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, "utf8")).rootMainFiles || [] : [])
  const kb = (list) => Math.round((list.reduce((s, f) => s + f.gzip_bytes, 0) / 1024) * 10) / 10
  return {
    framework_gzip_kb: kb(files.filter((f) => root.has(f.file))),
    page_gzip_kb: kb(files.filter((f) => !root.has(f.file))),
    files: files.sort((a, b) => b.gzip_bytes - a.gzip_bytes),
    total_bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzip_bytes: gzip,
    gzip_kb: gzipKb,
    budget_kb: budgetKb,
    within_budget: gzipKb <= budgetKb,
  }
}

/** Fetches a page of a running `next start` of this build and measures its scripts. */
async function measureUrl(url, opts = {}) {
  const res = await fetch(url, opts.headers ? { headers: opts.headers } : undefined)
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
  return measureHtml(await res.text(), opts)
}

module.exports = { JS_BUDGET_KB, scriptsOfHtml, measureHtml, measureUrl }

if (require.main === module) {
  const args = process.argv.slice(2)
  const url = args.find((a) => !a.startsWith("--"))
  const i = args.indexOf("--budget-kb")
  const budgetKb = i >= 0 ? Number(args[i + 1]) : JS_BUDGET_KB
  if (!url || !Number.isFinite(budgetKb)) {
    process.stderr.write("usage: node storefront/scripts/js-budget.js <page url of a running next start> [--budget-kb N]\n")
    process.exit(2)
  }
  measureUrl(url, { budgetKb }).then(
    (r) => {
      for (const f of r.files) process.stdout.write(`${(f.gzip_bytes / 1024).toFixed(1).padStart(7)} KB gzip  ${f.file}\n`)
      process.stdout.write(`${r.gzip_kb} KB gzip JS in all, budget ${r.budget_kb} KB: ${r.within_budget ? "within" : "OVER"}\n`)
      process.exit(r.within_budget ? 0 : 1)
    },
    (e) => {
      process.stderr.write(`${e.message}\n`)
      process.exit(2)
    }
  )
}
