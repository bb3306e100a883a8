import { dueDripNotices, NoticePlacement } from "./drip-notices"

const DAY = 24 * 60 * 60 * 1000
const start = new Date("2026-01-01T00:00:00Z")
const at = (days: number) => new Date(start.getTime() + days * DAY)
const level = (drip_days: number | null = null, required_tier = 1, drip_date: Date | null = null) => ({ drip_days, required_tier, drip_date })
const placement = (id: string, levels = [level(), level(), level()], is_preview = false): NoticePlacement => ({ id, title: id, is_preview, levels })

describe("dueDripNotices", () => {
  const week = placement("week", [level(7), level(), level()])
  const open = placement("open")
  const enrollment = { id: "enr1", customer_id: "cus1", started_at: start, tier: 1 }

  it("notices a drip placement once its release has come, not before, not without drip", () => {
    expect(dueDripNotices([week, open], [enrollment], new Set(), at(6))).toEqual([])
    const due = dueDripNotices([week, open], [enrollment], new Set(), at(7))
    expect(due).toEqual([{ enrollment_id: "enr1", customer_id: "cus1", placement_id: "week", title: "week", available_at: at(7) }])
  })

  it("skips what was already sent, previews, too-high tiers and unentitled students", () => {
    expect(dueDripNotices([week], [enrollment], new Set(["enr1:week"]), at(8))).toEqual([])
    expect(dueDripNotices([placement("p", [level(7), level(), level()], true)], [enrollment], new Set(), at(8))).toEqual([])
    const premium = placement("premium", [level(7), level(null, 2), level()])
    expect(dueDripNotices([premium], [enrollment], new Set(), at(8))).toEqual([])
    expect(dueDripNotices([premium], [{ ...enrollment, tier: 2 }], new Set(), at(8)).map((d) => d.placement_id)).toEqual(["premium"])
    expect(dueDripNotices([week], [{ ...enrollment, tier: 0 }], new Set(), at(8))).toEqual([])
  })

  it("does not announce releases older than the look-back or that were open at enrollment", () => {
    expect(dueDripNotices([week], [enrollment], new Set(), at(7 + 8))).toEqual([])
    expect(dueDripNotices([week], [enrollment], new Set(), at(7 + 8), 10).length).toBe(1)
    const fixedPast = placement("past", [level(null, 1, at(-3)), level(), level()])
    expect(dueDripNotices([fixedPast], [enrollment], new Set(), at(1))).toEqual([])
    const fixedFuture = placement("future", [level(null, 1, at(3)), level(), level()])
    expect(dueDripNotices([fixedFuture], [enrollment], new Set(), at(3)).map((d) => d.available_at)).toEqual([at(3)])
  })

  it("uses the latest of the levels (module 7 days, placement 10 days)", () => {
    const both = placement("both", [level(7), level(), level(10)])
    expect(dueDripNotices([both], [enrollment], new Set(), at(9))).toEqual([])
    expect(dueDripNotices([both], [enrollment], new Set(), at(10)).length).toBe(1)
  })
})
