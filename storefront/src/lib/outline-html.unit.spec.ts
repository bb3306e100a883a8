import type { Course, OutlineLesson } from "./courses"
import { COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS, outlineHtml, SIDEBAR_FULL_OUTLINE_MAX_LESSONS } from "./outline-html"

// The outline's HTML (issue 30): on the course page every lesson of a course up to 60 lessons,
// of a longer one the first modules, the student's next module and the opened one (or all on
// request); on the lesson page's sidebar of a long course, the current module in full and the
// others folded to a link.

const lesson = (m: number, n: number, extra: Partial<OutlineLesson> = {}): OutlineLesson => ({
  id: `pl_${m}_${n}`,
  title: `Lesson ${m}.${n}`,
  required_tier: 1,
  locked: false,
  lock_reason: null,
  available_at: null,
  completed: false,
  ...extra,
})

/** `modules` modules of 2 sections x 5 lessons, like the bench's big course. */
const course = (modules: number, over: (m: number, n: number) => Partial<OutlineLesson> = () => ({})): Course => ({
  id: "course_1",
  handle: "big & <course>",
  title: "Big",
  tiers: [
    { tier: 1, variants: [{ id: "v1", title: "Basic" }] },
    { tier: 2, variants: [{ id: "v2", title: "Premium" }] },
  ],
  access: { tier: 1, enrolled: true, progress_percent: 0 },
  modules: Array.from({ length: modules }, (_, m) => ({
    id: `mod_${m}`,
    title: `Module ${m + 1}`,
    required_tier: m >= modules / 2 ? 2 : 1,
    sections: [0, 1].map((s) => ({
      id: `sec_${m}_${s}`,
      title: `Section ${m + 1}.${s + 1}`,
      lessons: Array.from({ length: 5 }, (_, k) => lesson(m, s * 5 + k, over(m, s * 5 + k))),
    })),
  })),
})

const rows = (html: string) => [...html.matchAll(/data-lesson="([^"]+)"/g)].map((m) => m[1])
const handlePath = `/courses/${encodeURIComponent("big & <course>")}`

describe("outlineHtml", () => {
  it("lists every lesson on the course page of a course up to the limit, each module with its anchor", () => {
    const html = outlineHtml(course(COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS / 10))
    expect(rows(html)).toHaveLength(COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS)
    expect(html).toContain('<section class="outline-module" id="m1">')
    expect(html).toContain('id="m6"')
    expect(html).not.toContain("folded")
    expect(html).not.toContain("Show all")
    expect(html).toContain(`href="${handlePath}/lessons/pl_0_0"`)
  })

  it("on a long course's page: the first modules up to the limit in full, the others one line each linking to them opened", () => {
    const c = course(50, (m, n) => ({ completed: m === 9 && n < 3 }))
    const html = outlineHtml(c)
    // Modules 1-6 (60 lessons) in full, 44 folded, each keeping its anchor.
    expect(rows(html)).toEqual(Array.from({ length: 6 }, (_, m) => Array.from({ length: 10 }, (_, n) => `pl_${m}_${n}`)).flat())
    expect(html.match(/class="outline-module folded"/g)).toHaveLength(44)
    expect(html).toContain(`<section class="outline-module folded" id="m10" data-module="mod_9"><h3><a href="${handlePath}?module=10#m10">Module 10</a>`)
    expect(html).toContain("10 lessons, 3 completed")
    expect(html).toContain(`<a href="${handlePath}?outline=all#m1">Show all 500 lessons</a>`)
    // A quarter of the whole outline's HTML.
    expect(html.length).toBeLessThan(outlineHtml(c, undefined, { all: true }).length / 4)
  })

  it("on a long course's page: the module asked for and the student's next lesson's module open too; `all` lists every lesson", () => {
    const c = course(50)
    const html = outlineHtml(c, undefined, { module: 31, continueLessonId: "pl_20_4" })
    const shown = new Set(rows(html).map((id) => id.split("_")[1]))
    expect([...shown].sort((a, b) => Number(a) - Number(b))).toEqual(["0", "1", "2", "3", "4", "5", "20", "30"])
    expect(html).toContain('<section class="outline-module" id="m31">')
    expect(html).not.toContain(`href="${handlePath}?module=31#m31"`)
    // A module bigger than the limit still opens first; nothing else does then.
    const huge = course(2)
    huge.modules[0].sections[0].lessons = Array.from({ length: 70 }, (_, n) => lesson(0, n))
    expect(new Set(rows(outlineHtml(huge)).map((id) => id.split("_")[1]))).toEqual(new Set(["0"]))
    // Out-of-range and garbage module numbers open nothing more.
    expect(rows(outlineHtml(c, undefined, { module: 99 }))).toHaveLength(60)
    const everything = outlineHtml(c, undefined, { all: true })
    expect(rows(everything)).toHaveLength(500)
    expect(everything).not.toContain("folded")
  })

  it("lists every lesson in the sidebar of a short course", () => {
    const short = course(SIDEBAR_FULL_OUTLINE_MAX_LESSONS / 10)
    const html = outlineHtml(short, "pl_2_3")
    expect(rows(html)).toHaveLength(SIDEBAR_FULL_OUTLINE_MAX_LESSONS)
    expect(html).toContain('href="/courses/big%20%26%20%3Ccourse%3E/lessons/pl_2_3" aria-current="page"')
    expect(html).not.toContain("folded")
  })

  it("in a long course's sidebar: the current module in full, every other module one line linking to it on the course page", () => {
    const c = course(50, (m, n) => ({ completed: m === 3 && n < 4, ...(m === 30 ? { locked: true, lock_reason: "tier", required_tier: 2 } : {}) }))
    const html = outlineHtml(c, "pl_7_6")
    // Module 8's ten rows, nothing else.
    expect(rows(html)).toEqual(Array.from({ length: 10 }, (_, n) => `pl_7_${n}`))
    expect(html).toContain('aria-current="page">Lesson 7.6</a>')
    // 49 folded modules, each a link to it opened on the course page, with its count.
    expect(html.match(/class="outline-module folded"/g)).toHaveLength(49)
    expect(html).toContain(`<a href="${handlePath}?module=4#m4">Module 4</a>`)
    expect(html).toContain("10 lessons, 4 completed")
    expect(html).toContain(`<a href="${handlePath}?module=31#m31">Module 31</a> <span class="badge">Premium</span>`)
    expect(html).not.toContain(`href="${handlePath}?module=8#m8"`)
    expect(html).toContain(`<a href="${handlePath}?outline=all#m1">Show all 500 lessons</a>`)
    // A fraction of the full sidebar.
    expect(html.length).toBeLessThan(outlineHtml(c, undefined, { all: true }).length / 5)
  })

  it("escapes titles in folded modules too", () => {
    const c = course(6)
    c.modules[0].title = `<img src=x onerror="alert(1)">`
    const html = outlineHtml(c, "pl_5_0")
    expect(html).not.toContain("<img")
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
  })
})
