import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import zlib from "node:zlib"

// storefront/scripts/js-budget.js (issue 30): which scripts a page makes the browser load,
// read from its HTML, and their gzip size from the build (and public/). The check itself runs in
// storefront.spec.ts against a real `next start`; here, a fake build pins the parsing.
const { measureHtml, scriptsOfHtml, JS_BUDGET_KB } = require("../../scripts/js-budget")

describe("js-budget", () => {
  let dir: string
  const write = (file: string, body: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), body)
  }
  // Bytes gzip cannot shrink much, so each file has a distinct, non-trivial gzip size.
  const noise = (bytes: number, seed: number) => {
    let x = seed
    let out = ""
    while (out.length < bytes) {
      x = (x * 1103515245 + 12345) % 2 ** 31
      out += String.fromCharCode(33 + (x % 90))
    }
    return out
  }
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length

  // An App Router page: Next's runtime, a polyfill, a client component chunk named in the RSC payload.
  const APP_HTML = [
    '<html><head><link rel="stylesheet" href="/_next/static/css/app-7.css" data-precedence="next"/>',
    '<script src="/_next/static/chunks/webpack-1.js" async=""></script>',
    '<script src="/_next/static/chunks/polyfills-9.js" noModule=""></script>',
    '<script src="/_next/static/chunks/main-app-2.js" async=""></script></head><body>',
    // The RSC payload names client component chunks inside an escaped JS string.
    '<script>self.__next_f.push([1,"5:I[4116,[\\"568\\",\\"static/chunks/568-3.js\\",\\"177\\",\\"static/chunks/app/courses/%5Bhandle%5D/page-4.js\\"],\\"X\\"]"])</script>',
    '<script src="/_next/static/chunks/webpack-1.js"></script></body></html>',
  ].join("")
  // The course and lesson pages (Pages Router, no runtime JS): a stylesheet, a lesson's own public script at most.
  const LESSON_HTML =
    '<html><head><link rel="stylesheet" href="/_next/static/css/pages-8.css"/></head><body><video data-lesson-video=""></video>' +
    '<script src="/lesson-video.js" defer=""></script><script src="https://cdn.example/x.js"></script></body></html>'
  const COURSE_HTML = '<html><head><link rel="stylesheet" href="/_next/static/css/pages-8.css"/></head><body><h1>Course</h1></body></html>'

  let pub: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "js-budget-"))
    pub = fs.mkdtempSync(path.join(os.tmpdir(), "js-budget-public-"))
    write("static/css/app-7.css", "body{}")
    write("static/css/pages-8.css", "body{}")
    write("static/chunks/webpack-1.js", noise(2_000, 1))
    write("static/chunks/main-app-2.js", noise(30_000, 2))
    write("static/chunks/568-3.js", noise(4_000, 3))
    write("static/chunks/app/courses/[handle]/page-4.js", noise(1_000, 4))
    write("static/chunks/polyfills-9.js", noise(50_000, 9))
    write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/webpack-1.js", "static/chunks/main-app-2.js"], pages: { "/_app": [] } }))
    fs.writeFileSync(path.join(pub, "lesson-video.js"), noise(600, 5))
  })
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(pub, { recursive: true, force: true })
  })

  it("counts script tags and payload chunks once each, never nomodule polyfills or other origins", () => {
    expect(scriptsOfHtml(APP_HTML)).toEqual([
      "static/chunks/webpack-1.js",
      "static/chunks/main-app-2.js",
      "static/chunks/568-3.js",
      "static/chunks/app/courses/[handle]/page-4.js",
    ])
    expect(scriptsOfHtml(LESSON_HTML)).toEqual(["public/lesson-video.js"])
    expect(scriptsOfHtml(COURSE_HTML)).toEqual([])
  })

  it("a page without Next's runtime: 0 KB for the course page, a lesson's own script counted from public/", () => {
    const course = measureHtml(COURSE_HTML, { nextDir: dir, publicDir: pub })
    expect(course).toMatchObject({ gzip_bytes: 0, gzip_kb: 0, framework_runtime: false, within_budget: true, budget_kb: JS_BUDGET_KB })
    const lesson = measureHtml(LESSON_HTML, { nextDir: dir, publicDir: pub })
    expect(lesson.files).toEqual([{ file: "public/lesson-video.js", bytes: 600, gzip_bytes: zlib.gzipSync(fs.readFileSync(path.join(pub, "lesson-video.js")), { level: 9 }).length }])
    expect(lesson).toMatchObject({ framework_runtime: false, framework_gzip_kb: 0, within_budget: true })
  })

  it("sums gzip sizes from the build, splits framework from page, and fails a page that loads Next's runtime even under the KB budget", () => {
    const all = ["static/chunks/webpack-1.js", "static/chunks/main-app-2.js", "static/chunks/568-3.js", "static/chunks/app/courses/[handle]/page-4.js"]
    const total = all.reduce((s, f) => s + gz(f), 0)
    const r = measureHtml(APP_HTML, { nextDir: dir, budgetKb: 100 })
    expect(r.gzip_bytes).toBe(total)
    expect(r.gzip_kb).toBe(Math.round((total / 1024) * 10) / 10)
    expect(r.framework_gzip_kb).toBe(Math.round(((gz(all[0]) + gz(all[1])) / 1024) * 10) / 10)
    expect(r.page_gzip_kb).toBe(Math.round(((gz(all[2]) + gz(all[3])) / 1024) * 10) / 10)
    expect(r.files[0].file).toBe("static/chunks/main-app-2.js")
    expect(r.framework_runtime).toBe(true)
    expect(r.within_budget).toBe(false)
    // The Pages Router's runtime (named by file, whatever the manifest says) counts as well.
    const pagesRuntime = COURSE_HTML.replace("</body>", '<script src="/_next/static/chunks/framework-5.js"></script></body>')
    write("static/chunks/framework-5.js", noise(100, 6))
    expect(measureHtml(pagesRuntime, { nextDir: dir, publicDir: pub })).toMatchObject({ framework_runtime: true, within_budget: false })
  })

  it("compares the page's own scripts with the budget: at the budget is within it, 0.1 KB less is over", () => {
    const r = measureHtml(LESSON_HTML, { nextDir: dir, publicDir: pub })
    expect(r.gzip_kb).toBeGreaterThan(0)
    expect(measureHtml(LESSON_HTML, { nextDir: dir, publicDir: pub, budgetKb: r.gzip_kb }).within_budget).toBe(true)
    expect(measureHtml(LESSON_HTML, { nextDir: dir, publicDir: pub, budgetKb: r.gzip_kb - 0.1 }).within_budget).toBe(false)
  })

  it("refuses a page of another build and a page that is not a storefront page instead of reporting 0 KB", () => {
    expect(() => measureHtml(APP_HTML.replace("568-3.js", "568-OLD.js"), { nextDir: dir })).toThrow(/568-OLD\.js is referenced by the page but not in/)
    expect(() => measureHtml(COURSE_HTML.replace("pages-8.css", "pages-OLD.css"), { nextDir: dir })).toThrow(/pages-OLD\.css is linked by the page but not in/)
    expect(() => measureHtml(LESSON_HTML.replace("lesson-video.js", "gone.js"), { nextDir: dir, publicDir: pub })).toThrow(/public\/gone\.js is referenced/)
    expect(() => measureHtml("<html><body>hi</body></html>", { nextDir: dir })).toThrow(/no stylesheet/)
  })
})
