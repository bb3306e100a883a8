#!/usr/bin/env node
// The JavaScript budget of the course page (issue 30): the gzip size of every script a
// browser fetches to show the page, read from the page itself (its <script src> tags and the
// chunks its RSC payload names for client components), sized from the production build in
// `.next/` (and `public/` for the storefront's own scripts). Deterministic for a given build
// and page: the CI check (storefront.spec.ts) and the bench (P5) both use it.
//
//   node storefront/scripts/js-budget.js <page url> [--budget-kb N]
//
// exits 1 when the page's JS is over budget or it loads Next's client runtime at all. Polyfills (`nomodule`) are not counted: no
// browser that runs modules fetches them.
const fs = require("node:fs")
const path = require("node:path")
const zlib = require("node:zlib")

/**
 * The budget in KB (1,024 bytes) of gzip JS for the course page. The course and lesson pages
 * are Pages Router pages with `unstable_runtimeJS: false` (storefront/src/pages): no React,
 * no Next.js runtime, 0 KB. What a lesson may add is its own small script (public/*.js: the
 * video's error message, the quiz timer; under 1 KB each). Next's client runtime alone is
 * ~130 KB gzip, so it cannot come back unnoticed; `framework_runtime` names it as well.
 */
const JS_BUDGET_KB = 4

const NEXT_DIR = path.join(__dirname, "..", ".next")
const PUBLIC_DIR = path.join(__dirname, "..", "public")

/**
 * Every same-origin script the HTML makes the browser load (`static/...` for the build's
 * files, `public/...` for the storefront's own public scripts), in first-seen order.
 */
function scriptsOfHtml(html) {
  const files = new Set()
  // <script src="..."> except nomodule polyfills and other origins.
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1]
    if (/\bnomodule\b/i.test(attrs)) continue
    const src = /\bsrc="([^"]+)"/.exec(attrs)
    if (!src) continue
    const url = src[1].split("?")[0]
    if (!url.endsWith(".js")) continue
    if (url.includes("/_next/static/")) files.add(url.replace(/^.*?\/_next\//, ""))
    else if (url.startsWith("/") && !url.startsWith("//")) files.add(`public${url}`)
  }
  // Chunks an App Router page's RSC payload lists for client components ("static/chunks/...js",
  // escaped in a JS string): the router loads them before it hydrates.
  for (const m of html.matchAll(/static\/chunks\/[A-Za-z0-9_\-\/.\[\]%]+?\.js/g)) {
    const file = m[0].replace(/\\/g, "")
    if (!/polyfills-/.test(file)) files.add(file)
  }
  return [...files].map((f) => decodeURIComponent(f))
}

/** The build's own client runtime: the App Router's root files and the Pages Router's `_app`, main, framework and webpack chunks. */
function frameworkFiles(nextDir) {
  const manifest = path.join(nextDir, "build-manifest.json")
  const m = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, "utf8")) : {}
  return new Set([...(m.rootMainFiles || []), ...((m.pages && m.pages["/_app"]) || [])])
}
const isFramework = (file, known) => known.has(file) || /^static\/chunks\/(main|main-app|framework|webpack)-[^/]+\.js$/.test(file)

/**
 * Sizes of the scripts an HTML page loads, from the build in `nextDir` and the files in
 * `publicDir`. The page must link a stylesheet of this build (so a page of another build or
 * not a storefront page at all is refused rather than reported as 0 KB).
 * @returns {{ framework_runtime: boolean, framework_gzip_kb: number, page_gzip_kb: number, files: {file: string, bytes: number, gzip_bytes: number}[], total_bytes: number, gzip_bytes: number, gzip_kb: number, budget_kb: number, within_budget: boolean }}
 */
function measureHtml(html, { nextDir = NEXT_DIR, publicDir = PUBLIC_DIR, budgetKb = JS_BUDGET_KB } = {}) {
  const css = [...html.matchAll(/<link\b[^>]*href="[^"]*\/_next\/(static\/[^"?]+\.css)/g)].map((m) => m[1])
  if (!css.length) throw new Error("the page links no stylesheet of the build: not a storefront page?")
  for (const file of css) {
    if (!fs.existsSync(path.join(nextDir, file))) throw new Error(`${file} is linked by the page but not in ${nextDir} (a page from another build?)`)
  }
  const files = scriptsOfHtml(html).map((file) => {
    const full = file.startsWith("public/") ? path.join(publicDir, file.slice("public/".length)) : path.join(nextDir, file)
    if (!fs.existsSync(full)) throw new Error(`${file} is referenced by the page but not in ${file.startsWith("public/") ? publicDir : nextDir} (a page from another build?)`)
    const body = fs.readFileSync(full)
    return { file, bytes: body.length, gzip_bytes: zlib.gzipSync(body, { level: 9 }).length }
  })
  const gzip = files.reduce((s, f) => s + f.gzip_bytes, 0)
  const gzipKb = Math.round((gzip / 1024) * 10) / 10
  const known = frameworkFiles(nextDir)
  const kb = (list) => Math.round((list.reduce((s, f) => s + f.gzip_bytes, 0) / 1024) * 10) / 10
  const framework = files.filter((f) => isFramework(f.file, known))
  return {
    framework_runtime: framework.length > 0,
    framework_gzip_kb: kb(framework),
    page_gzip_kb: kb(files.filter((f) => !isFramework(f.file, known))),
    files: files.sort((a, b) => b.gzip_bytes - a.gzip_bytes),
    total_bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzip_bytes: gzip,
    gzip_kb: gzipKb,
    budget_kb: budgetKb,
    within_budget: gzipKb <= budgetKb && framework.length === 0,
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
      process.stdout.write(`${r.gzip_kb} KB gzip JS in all, budget ${r.budget_kb} KB${r.framework_runtime ? ", Next's client runtime loaded" : ""}: ${r.within_budget ? "within" : "OVER"}\n`)
      process.exit(r.within_budget ? 0 : 1)
    },
    (e) => {
      process.stderr.write(`${e.message}\n`)
      process.exit(2)
    }
  )
}
