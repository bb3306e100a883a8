import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import zlib from "node:zlib"

// storefront/scripts/js-budget.js (issue 30): which scripts a page makes the browser load,
// read from its HTML, and their gzip size from the build. The check itself runs in
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

  const HTML = [
    '<html><head><script src="/_next/static/chunks/webpack-1.js" async=""></script>',
    '<script src="/_next/static/chunks/polyfills-9.js" noModule=""></script>',
    '<script src="/_next/static/chunks/main-app-2.js" async=""></script></head><body>',
    // The RSC payload names client component chunks inside an escaped JS string.
    '<script>self.__next_f.push([1,"5:I[4116,[\\"568\\",\\"static/chunks/568-3.js\\",\\"177\\",\\"static/chunks/app/courses/%5Bhandle%5D/page-4.js\\"],\\"X\\"]"])</script>',
    '<script src="/_next/static/chunks/webpack-1.js"></script></body></html>',
  ].join("")

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "js-budget-"))
    write("static/chunks/webpack-1.js", noise(2_000, 1))
    write("static/chunks/main-app-2.js", noise(30_000, 2))
    write("static/chunks/568-3.js", noise(4_000, 3))
    write("static/chunks/app/courses/[handle]/page-4.js", noise(1_000, 4))
    write("static/chunks/polyfills-9.js", noise(50_000, 9))
    write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/webpack-1.js", "static/chunks/main-app-2.js"] }))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("counts script tags and payload chunks once each, never nomodule polyfills", () => {
    expect(scriptsOfHtml(HTML)).toEqual([
      "static/chunks/webpack-1.js",
      "static/chunks/main-app-2.js",
      "static/chunks/568-3.js",
      "static/chunks/app/courses/[handle]/page-4.js",
    ])
  })

  it("sums gzip sizes from the build, splits framework from page, and compares with the budget", () => {
    const all = ["static/chunks/webpack-1.js", "static/chunks/main-app-2.js", "static/chunks/568-3.js", "static/chunks/app/courses/[handle]/page-4.js"]
    const total = all.reduce((s, f) => s + gz(f), 0)
    const r = measureHtml(HTML, { nextDir: dir, budgetKb: 100 })
    expect(r.gzip_bytes).toBe(total)
    expect(r.gzip_kb).toBe(Math.round((total / 1024) * 10) / 10)
    expect(r.framework_gzip_kb).toBe(Math.round(((gz(all[0]) + gz(all[1])) / 1024) * 10) / 10)
    expect(r.page_gzip_kb).toBe(Math.round(((gz(all[2]) + gz(all[3])) / 1024) * 10) / 10)
    expect(r.files[0].file).toBe("static/chunks/main-app-2.js")
    expect(r.within_budget).toBe(true)
    // At the budget is within it; 0.1 KB less is over.
    expect(measureHtml(HTML, { nextDir: dir, budgetKb: r.gzip_kb }).within_budget).toBe(true)
    expect(measureHtml(HTML, { nextDir: dir, budgetKb: r.gzip_kb - 0.1 }).within_budget).toBe(false)
    expect(measureHtml(HTML, { nextDir: dir }).budget_kb).toBe(JS_BUDGET_KB)
  })

  it("refuses a page of another build and a page with no scripts instead of reporting 0 KB", () => {
    expect(() => measureHtml(HTML.replace("568-3.js", "568-OLD.js"), { nextDir: dir })).toThrow(/568-OLD\.js is referenced by the page but not in/)
    expect(() => measureHtml("<html><body>hi</body></html>", { nextDir: dir })).toThrow(/no script/)
  })
})
