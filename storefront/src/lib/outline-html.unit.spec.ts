import type { Course, OutlineLesson } from "./courses"
import { outlineHtml, SIDEBAR_FULL_OUTLINE_MAX_LESSONS } from "./outline-html"

// The outline's HTML (issue 30): every lesson on the course page; on the lesson page's
// sidebar of a long course, the current module in full and the others folded to a link.

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
  it("lists every lesson on the course page, each module with its anchor", () => {
    const html = outlineHtml(course(50))
    expect(rows(html)).toHaveLength(500)
    expect(html).toContain('<section class="outline-module" id="m1">')
    expect(html).toContain('id="m50"')
    expect(html).not.toContain("folded")
    expect(html).toContain(`href="${handlePath}/lessons/pl_0_0"`)
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
    // 49 folded modules, each a link to its anchor on the course page with its count.
    expect(html.match(/class="outline-module folded"/g)).toHaveLength(49)
    expect(html).toContain(`<a href="${handlePath}#m4">Module 4</a>`)
    expect(html).toContain("10 lessons, 4 completed")
    expect(html).toContain(`<a href="${handlePath}#m31">Module 31</a> <span class="badge">Premium</span>`)
    expect(html).not.toContain(`href="${handlePath}#m8"`)
    expect(html).toContain(`<a href="${handlePath}#m1">All 500 lessons</a>`)
    // A fraction of the full sidebar.
    expect(html.length).toBeLessThan(outlineHtml(c).length / 5)
  })

  it("escapes titles in folded modules too", () => {
    const c = course(6)
    c.modules[0].title = `<img src=x onerror="alert(1)">`
    const html = outlineHtml(c, "pl_5_0")
    expect(html).not.toContain("<img")
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
  })
})
