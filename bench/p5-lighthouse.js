// P5: Lighthouse (npm `lighthouse`, driving Debian's chromium) on the storefront's course page
// and a free-preview lesson page of the bench's big course, against a production build
// (`next build` + `next start`) pinned to that course's org. Lighthouse's default (mobile,
// simulated throttling), performance category only. Each page is loaded once to warm the
// server, then audited `runs` times (3 at full scale, 1 at tiny); the run with the median
// score is reported.
const fs = require("node:fs")
const path = require("node:path")
const zlib = require("node:zlib")
const { spawn } = require("node:child_process")
const b = require("../src/scripts/lib/bootstrap")
const pg = require("../src/scripts/lib/postgres")

const ROOT = path.resolve(__dirname, "..")
const { measureUrl: measurePageJs } = require("../storefront/scripts/js-budget")

/**
 * Lighthouse's benchmark index of this machine on an ordinary day, from the runs recorded
 * in bench/results and issue 30: ~2,300 idle (2,270 on 2026-11-22, 2,297-2,311 in the
 * issue), ~1,500 with other work running, ~3,400 on an unusually fast day. Mobile scores
 * multiply CPU time by 4 whatever the machine, so a run far from this range says more about
 * the machine than the page: such a run is marked not comparable (the score is still
 * reported). BENCH_LH_INDEX_RANGE=lo,hi overrides it (another machine, a new calibration).
 */
const CALIBRATED_INDEX = (() => {
  const env = process.env.BENCH_LH_INDEX_RANGE
  const [lo, hi] = env ? env.split(",").map(Number) : [1900, 2800]
  if (!(lo > 0 && hi > lo)) throw new Error(`BENCH_LH_INDEX_RANGE must be "lo,hi" with 0 < lo < hi, got ${env}`)
  return { lo, hi }
})()

/**
 * Issue 30's proof: the mobile targets hold in every audit of a run taken on a machine no
 * faster than an ordinary day (benchmark index <= 2,400). Lighthouse's mobile throttling
 * multiplies the machine's own CPU time, so a slower machine only lowers the scores: targets
 * met at or below this index hold on an ordinary day; met above it (a fast day) they prove nothing.
 */
const ORDINARY_INDEX_MAX = Number(process.env.BENCH_LH_ORDINARY_MAX || 2400)
const MOBILE_TARGETS = { performance: 95, tbt_ms: 200, cls: 0.05 }

/** Whether the mobile audits of the course, lesson and home pages prove the targets (see ORDINARY_INDEX_MAX). */
function p5Verdict(out) {
  const failing = []
  let fastRuns = 0
  for (const name of ["course_page", "lesson_page", "home_page"]) {
    if (!out[name]) continue
    out[name].runs.forEach((r, i) => {
      const at = `${name} audit ${i + 1}`
      if (!(r.performance >= MOBILE_TARGETS.performance)) failing.push(`${at}: performance ${r.performance} < ${MOBILE_TARGETS.performance}`)
      if (!(r.tbt_ms <= MOBILE_TARGETS.tbt_ms)) failing.push(`${at}: TBT ${r.tbt_ms} ms > ${MOBILE_TARGETS.tbt_ms} ms`)
      if (!(r.cls <= MOBILE_TARGETS.cls)) failing.push(`${at}: CLS ${r.cls} > ${MOBILE_TARGETS.cls}`)
      if (!(typeof r.benchmark_index === "number" && r.benchmark_index <= ORDINARY_INDEX_MAX)) fastRuns++
    })
  }
  return {
    target: `every mobile audit: performance >= ${MOBILE_TARGETS.performance}, TBT <= ${MOBILE_TARGETS.tbt_ms} ms, CLS <= ${MOBILE_TARGETS.cls}, each on a machine at benchmark index <= ${ORDINARY_INDEX_MAX}`,
    met: failing.length === 0 && fastRuns === 0,
    failing,
    audits_above_ordinary_index: fastRuns,
    note:
      failing.length > 0
        ? "a target was missed"
        : fastRuns > 0
          ? `${fastRuns} audit(s) ran on a machine faster than an ordinary day (index > ${ORDINARY_INDEX_MAX}): scores met there do not prove the target`
          : "every audit met the targets on a machine no faster than an ordinary day",
  }
}

/** Whether a run's benchmark index is inside the calibrated range (null when Lighthouse gave none). */
const comparable = (index) => (typeof index === "number" ? index >= CALIBRATED_INDEX.lo && index <= CALIBRATED_INDEX.hi : null)
const CHROME_FLAGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
]

/**
 * The Chromium Lighthouse drives: CHROMIUM_PATH or Debian's /usr/bin/chromium. Checked before a
 * run starts (a full run takes ~20 min before P5; without a browser chrome-launcher would crash
 * the process there and every figure measured so far would be lost).
 */
function requireChromium() {
  const file = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
  try {
    fs.accessSync(file, fs.constants.X_OK)
  } catch {
    throw Object.assign(
      new Error(
        `P5 (Lighthouse) needs Chromium, and ${file} is not an executable file: install it (apt-get install chromium), ` +
        "set CHROMIUM_PATH to a Chromium or Chrome binary, or leave P5 out (--only p1,p2,p3,p4)"
      ),
      { usage: true }
    )
  }
  return file
}

async function waitFor(url, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const ok = await fetch(url).then((r) => r.status < 500).catch(() => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

function figures(lhr) {
  const a = lhr.audits
  const num = (id) => (a[id] && typeof a[id].numericValue === "number" ? Math.round(a[id].numericValue * 1000) / 1000 : null)
  return {
    // Lighthouse's own CPU benchmark of this machine (its mobile throttling multiplies CPU time by 4
    // whatever the machine; a slow or shared CPU makes TBT worse).
    benchmark_index: lhr.environment ? lhr.environment.benchmarkIndex : null,
    performance: lhr.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100),
    // Only where the SEO category was audited (the home sales page).
    ...(lhr.categories.seo ? { seo: lhr.categories.seo.score === null ? null : Math.round(lhr.categories.seo.score * 100), seo_failed: Object.values(lhr.audits).filter((x) => lhr.categories.seo.auditRefs.some((r) => r.id === x.id && r.weight > 0) && x.score !== null && x.score < 1).map((x) => x.id) } : {}),
    cls: num("cumulative-layout-shift"),
    lcp_ms: num("largest-contentful-paint"),
    fcp_ms: num("first-contentful-paint"),
    tbt_ms: num("total-blocking-time"),
    speed_index_ms: num("speed-index"),
    // Lighthouse 13 moved the element count from "dom-size" to the DOM-size insight.
    dom_elements: num("dom-size") ?? num("dom-size-insight"),
    // Where the main thread went (ms by kind of work), and the scripts that cost the most.
    main_thread_ms: Object.fromEntries(
      ((a["mainthread-work-breakdown"] && a["mainthread-work-breakdown"].details && a["mainthread-work-breakdown"].details.items) || [])
        .slice(0, 6)
        .map((i) => [i.group, Math.round(i.duration)])
    ),
    scripts_ms: ((a["bootup-time"] && a["bootup-time"].details && a["bootup-time"].details.items) || [])
      .slice(0, 4)
      .map((i) => ({ url: String(i.url).replace(/^https?:\/\/[^/]+/, ""), total: Math.round(i.total), scripting: Math.round(i.scripting) })),
    // What Lighthouse itself points at, for whoever wants to push the score further.
    opportunities: Object.values(a)
      .filter((x) => x.details && x.details.type === "opportunity" && x.score !== null && x.score < 0.9)
      .map((x) => x.id),
  }
}

/**
 * @param {{ medusaUrl: string, data: any, skipBuild: boolean, log: (m: string) => void, runs?: number, ensureHomePage?: () => Promise<string> }} ctx
 *   ensureHomePage: publishes the org's home sales page and returns its path; P5 then audits it
 *   too, for performance and SEO (issue 26: both >= 95 on mobile).
 */
async function measureP5({ medusaUrl, data, skipBuild, log, runs: RUNS = 3, ensureHomePage }) {
  const started = Date.now()
  const storefront = path.join(ROOT, "storefront")
  if (!skipBuild || !fs.existsSync(path.join(storefront, ".next", "BUILD_ID"))) {
    log("P5: building the storefront (next build)")
    await b.run("npm", ["run", "build", "--prefix", storefront], { quiet: true })
  }
  const big = data.big_course
  const port = await pg.freePort()
  const base = `http://localhost:${port}`
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next", { paths: [storefront] }), "start", "-p", String(port)], {
    cwd: storefront,
    env: { ...process.env, MEDUSA_BACKEND_URL: medusaUrl, MEDUSA_PUBLISHABLE_KEY: big.publishable_key, NODE_ENV: "production", COOKIE_SECURE: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  b.killGroupOnExit(child)
  let tail = ""
  child.stdout.on("data", (d) => (tail = (tail + d).slice(-4000)))
  child.stderr.on("data", (d) => (tail = (tail + d).slice(-4000)))
  let chrome
  try {
    const res = await fetch(`${medusaUrl}/store/courses/${big.handle}`, { headers: { "x-publishable-api-key": big.publishable_key } })
    const { course } = await res.json()
    const preview = course.modules.flatMap((m) => m.sections.flatMap((s) => s.lessons)).find((l) => l.is_preview)
    if (!preview) throw new Error(`the big course ${big.handle} has no free-preview lesson`)
    const pages = {
      course_page: `/courses/${big.handle}`,
      lesson_page: `/courses/${big.handle}/lessons/${preview.id}`,
    }
    await waitFor(`${base}${pages.course_page}`)
    const { default: lighthouse } = await import("lighthouse")
    const chromeLauncher = await import("chrome-launcher")
    chrome = await chromeLauncher.launch({ chromePath: requireChromium(), chromeFlags: CHROME_FLAGS, logLevel: "silent" })
    const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js")
    const audit = async (url, urlPath, config, categories = ["performance"]) => {
      const runs = []
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories }, config)
        if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${urlPath}: ${result.lhr.runtimeError.message}`)
        runs.push(figures(result.lhr))
      }
      const sorted = [...runs].sort((x, y) => (x.performance ?? -1) - (y.performance ?? -1))
      const indexes = runs.map((r) => r.benchmark_index)
      const off = runs.filter((r) => comparable(r.benchmark_index) === false).length
      return {
        url: urlPath,
        ...sorted[Math.floor(sorted.length / 2)],
        // false when any run's machine was outside the calibrated range: its score is not a figure about the page.
        comparable: off === 0 && indexes.every((i) => typeof i === "number"),
        runs: runs.map((r) => ({
          performance: r.performance,
          ...(r.seo !== undefined ? { seo: r.seo } : {}),
          cls: r.cls,
          lcp_ms: r.lcp_ms,
          tbt_ms: r.tbt_ms,
          benchmark_index: r.benchmark_index,
          comparable: comparable(r.benchmark_index),
        })),
      }
    }
    const out = {}
    if (ensureHomePage) pages.home_page = await ensureHomePage()
    // The JS budget (deterministic for a build and page, unlike the scores): gzip JS the course page loads.
    const js = await measurePageJs(`${base}${pages.course_page}`, { nextDir: path.join(storefront, ".next") })
    out.course_page_js = {
      target: `gzip JS of the course page <= ${js.budget_kb} KB (storefront/scripts/js-budget.js)`,
      gzip_kb: js.gzip_kb,
      budget_kb: js.budget_kb,
      within_budget: js.within_budget,
      framework_runtime: js.framework_runtime,
      files: js.files.map((f) => ({ file: f.file, gzip_kb: Math.round((f.gzip_bytes / 1024) * 10) / 10 })),
    }
    const lessonJs = await measurePageJs(`${base}${pages.lesson_page}`, { nextDir: path.join(storefront, ".next") })
    out.lesson_page_js = { gzip_kb: lessonJs.gzip_kb, framework_runtime: lessonJs.framework_runtime, files: lessonJs.files.map((f) => f.file) }
    // What each page's document weighs (deterministic, unlike the scores): bytes of the HTML
    // (with the RSC payload inlined in it) and its elements (start tags; the payload's own
    // markup is escaped inside script strings and not counted).
    out.documents = {}
    for (const [name, urlPath] of Object.entries(pages)) {
      const html = await (await fetch(`${base}${urlPath}`)).text()
      out.documents[name] = {
        html_kb: Math.round((Buffer.byteLength(html) / 1024) * 10) / 10,
        html_gzip_kb: Math.round((zlib.gzipSync(html).length / 1024) * 10) / 10,
        elements: (html.match(/<[a-zA-Z]/g) || []).length,
      }
    }
    // One discarded audit first: the first Lighthouse audit of a fresh Chrome is the slowest of
    // its page every time (course page LCP 1.2-3.0 s in the first audit of five runs on
    // 2026-12-03, 0.8-1.0 s in the others, TBT alike), a cost of the browser's start, not of
    // the page.
    log("P5: one discarded warm-up audit")
    await lighthouse(`${base}${pages.course_page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] })
    for (const [name, urlPath] of Object.entries(pages)) {
      const url = `${base}${urlPath}`
      const warm = await fetch(url)
      if (warm.status !== 200) throw new Error(`${urlPath} answered ${warm.status}`)
      log(`P5: Lighthouse x${RUNS} on ${urlPath} (mobile, then desktop)`)
      // The home sales page is audited for SEO as well (mobile).
      out[name] = await audit(url, urlPath, undefined, name === "home_page" ? ["performance", "seo"] : ["performance"])
      out[`${name}_desktop`] = await audit(url, urlPath, desktopConfig)
    }
    const allRuns = Object.values(out).flatMap((p) => p.runs || [])
    const indexes = allRuns.map((r) => r.benchmark_index).filter((i) => typeof i === "number")
    const offRuns = allRuns.filter((r) => r.comparable === false).length
    return {
      target: "Lighthouse performance >= 95, CLS <= 0.05 (course page, lesson page, home sales page); SEO >= 95 (home sales page)",
      status: "measured",
      benchmark_index: {
        min: indexes.length ? Math.min(...indexes) : null,
        max: indexes.length ? Math.max(...indexes) : null,
        calibrated_range: [CALIBRATED_INDEX.lo, CALIBRATED_INDEX.hi],
        comparable: offRuns === 0 && indexes.length === allRuns.length,
        note:
          offRuns === 0
            ? "every run's machine was inside the calibrated range"
            : `${offRuns} of ${allRuns.length} Lighthouse runs had a benchmark index outside ${CALIBRATED_INDEX.lo}-${CALIBRATED_INDEX.hi}: ` +
              "their scores describe the machine's state (load, a faster or slower CPU) as much as the page, and are not comparable with the calibrated runs",
      },
      verdict: p5Verdict(out),
      lighthouse: require("lighthouse/package.json").version,
      form_factor: "course_page/lesson_page/home_page: mobile (Lighthouse default, simulated throttling, the target); *_desktop: Lighthouse's desktop preset, for reference",
      runs_per_page: RUNS,
      warm_up: "one discarded mobile audit of the course page before the measured ones (the first audit of a fresh Chrome is systematically slower)",
      ...out,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }
  } catch (error) {
    process.stderr.write(`--- storefront log tail ---\n${tail}\n`)
    throw error
  } finally {
    if (chrome) await chrome.kill()
    await b.stopGroup(child)
  }
}

module.exports = { measureP5, p5Verdict, requireChromium }
