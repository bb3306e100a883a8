// Issue 30: the P5 runner says itself whether a run proves the mobile targets, so a score
// taken on an unusually fast machine cannot pass for one.
const { p5Verdict } = require("../../bench/p5-lighthouse")

type Run = { performance: number; tbt_ms: number; cls: number; benchmark_index: number | null }
const audit = (...runs: Run[]) => ({ runs })
const good = (index: number): Run => ({ performance: 100, tbt_ms: 20, cls: 0, benchmark_index: index })

describe("P5 verdict", () => {
  it("is met when every mobile audit meets the targets at an ordinary or slower benchmark index", () => {
    const v = p5Verdict({ course_page: audit(good(1700), good(2400), good(956)), lesson_page: audit(good(1288)), home_page: audit(good(1500)) })
    expect(v).toMatchObject({ met: true, failing: [], audits_above_ordinary_index: 0 })
  })

  it("is not met when a run on a fast day scored well: the machine, not the page, may have passed", () => {
    const v = p5Verdict({ course_page: audit(good(2000), good(3378)), lesson_page: audit(good(2000)) })
    expect(v.met).toBe(false)
    expect(v.audits_above_ordinary_index).toBe(1)
    expect(v.note).toMatch(/faster than an ordinary day/)
  })

  it("names each missed target with its page and audit", () => {
    const v = p5Verdict({
      course_page: audit(good(2000), { performance: 94, tbt_ms: 201, cls: 0.06, benchmark_index: 2000 }),
      lesson_page: audit({ performance: 99, tbt_ms: 20, cls: 0, benchmark_index: null }),
    })
    expect(v.met).toBe(false)
    expect(v.failing).toEqual(["course_page audit 2: performance 94 < 95", "course_page audit 2: TBT 201 ms > 200 ms", "course_page audit 2: CLS 0.06 > 0.05"])
    // An audit without a benchmark index cannot prove anything either.
    expect(v.audits_above_ordinary_index).toBe(1)
  })

  it("leaves desktop audits out (reference only)", () => {
    const v = p5Verdict({ course_page: audit(good(2000)), course_page_desktop: audit({ performance: 50, tbt_ms: 900, cls: 0.3, benchmark_index: 5000 }) })
    expect(v.met).toBe(true)
  })
})
