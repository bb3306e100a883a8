import { courseProgressPercent, isCourseComplete, openablePlacementIds } from "./course-progress"

const placements = [
  { id: "p1", required_tier: 1, is_preview: true },
  { id: "p2", required_tier: 1, is_preview: false },
  { id: "p3", required_tier: 2, is_preview: false },
  { id: "p4", required_tier: 3, is_preview: false },
  { id: "p5", required_tier: 3, is_preview: true },
]

describe("course progress", () => {
  it("openable = previews plus placements at or below the tier", () => {
    expect(openablePlacementIds(placements, 0)).toEqual(["p1", "p5"])
    expect(openablePlacementIds(placements, 1)).toEqual(["p1", "p2", "p5"])
    expect(openablePlacementIds(placements, 3)).toEqual(["p1", "p2", "p3", "p4", "p5"])
  })

  it("is completed / openable, rounded down; completions of locked lessons do not count", () => {
    expect(courseProgressPercent(placements, 1, [])).toBe(0)
    expect(courseProgressPercent(placements, 1, ["p2"])).toBe(33)
    expect(courseProgressPercent(placements, 1, ["p2", "p3", "p4"])).toBe(33)
    expect(courseProgressPercent(placements, 1, ["p1", "p2"])).toBe(66)
    expect(courseProgressPercent(placements, 1, ["p1", "p2", "p5"])).toBe(100)
    expect(courseProgressPercent(placements, 3, ["p1", "p2", "p5"])).toBe(60)
  })

  it("an empty course is 0 % and never complete", () => {
    expect(courseProgressPercent([], 3, [])).toBe(0)
    expect(isCourseComplete([], 3, [])).toBe(false)
  })

  it("complete when every openable lesson is done, for a customer with a tier", () => {
    expect(isCourseComplete(placements, 1, ["p1", "p2", "p5"])).toBe(true)
    expect(isCourseComplete(placements, 2, ["p1", "p2", "p5"])).toBe(false)
    expect(isCourseComplete(placements, 0, ["p1", "p5"])).toBe(false)
  })

  it("never exceeds 100 and never goes below 0 for any subset (exhaustive over 5 placements)", () => {
    const ids = placements.map((p) => p.id)
    for (let mask = 0; mask < 32; mask++) {
      const done = ids.filter((_, i) => mask & (1 << i))
      for (const tier of [0, 1, 2, 3]) {
        const pct = courseProgressPercent(placements, tier, done)
        expect(Number.isInteger(pct) && pct >= 0 && pct <= 100).toBe(true)
      }
    }
  })
})
