import { buildOutline, gateOutline, OutlineRows, prepareOutline } from "./build-outline"

const now = new Date("2026-03-01T00:00:00Z")
const rows: OutlineRows = {
  modules: [
    { id: "m2", title: "Advanced", rank: 1, required_tier: 2, drip_days: 14, drip_date: null },
    { id: "m1", title: "Start", rank: 0, required_tier: 1, drip_days: null, drip_date: null },
  ],
  sections: [
    { id: "s1", module_id: "m1", title: "Intro", rank: 0, required_tier: 1 },
    { id: "s2", module_id: "m2", title: "Deep", rank: 0, required_tier: 1 },
  ],
  placements: [
    { id: "p2", section_id: "s1", lesson_id: "l2", rank: 1, required_tier: 3, is_preview: false },
    { id: "p1", section_id: "s1", lesson_id: "l1", rank: 0, required_tier: 1, is_preview: true },
    { id: "p3", section_id: "s2", lesson_id: "l1", rank: 0, required_tier: 1, is_preview: false },
  ],
  lessons: [
    { id: "l1", title: "Welcome", type: "video", duration_seconds: 60 },
    { id: "l2", title: "Secrets", type: "text", duration_seconds: null },
  ],
}
const ctx = (over: Partial<Parameters<typeof buildOutline>[1]> = {}) => ({
  course_status: "published",
  customer_id: "cus_1",
  customer_tier: 2,
  enrolled_at: new Date("2026-02-25T00:00:00Z"),
  completed_placement_ids: new Set<string>(),
  now,
  ...over,
})

describe("buildOutline", () => {
  it("orders by rank and applies the gate with effective tiers and drip per node", () => {
    const { modules, placements } = buildOutline(rows, ctx({ completed_placement_ids: new Set(["p1"]) }))
    expect(modules.map((m) => m.id)).toEqual(["m1", "m2"])
    const [start, advanced] = modules
    expect(start.sections[0].lessons.map((l) => [l.id, l.title, l.required_tier, l.locked, l.lock_reason, l.completed])).toEqual([
      ["p1", "Welcome", 1, false, null, true],
      ["p2", "Secrets", 3, true, "tier", false],
    ])
    expect(advanced).toMatchObject({ required_tier: 2, locked: true, lock_reason: "drip", available_at: "2026-03-11T00:00:00.000Z" })
    expect(advanced.sections[0].lessons[0]).toMatchObject({ required_tier: 2, lock_reason: "drip", available_at: "2026-03-11T00:00:00.000Z" })
    expect(placements).toEqual([
      { id: "p1", required_tier: 1, is_preview: true },
      { id: "p2", required_tier: 3, is_preview: false },
      { id: "p3", required_tier: 2, is_preview: false },
    ])
  })

  it("anonymous callers see titles, previews open, the rest locked for auth; nodes never carry bodies", () => {
    const { modules } = buildOutline(rows, ctx({ customer_id: null, customer_tier: 0, enrolled_at: null }))
    const lessons = modules.flatMap((m) => m.sections.flatMap((s) => s.lessons))
    expect(lessons.map((l) => [l.title, l.locked, l.lock_reason])).toEqual([
      ["Welcome", false, null],
      ["Secrets", true, "auth"],
      ["Welcome", true, "auth"],
    ])
    expect(JSON.stringify(modules)).not.toMatch(/body|video_source|attachments/)
  })

  it("a section is completed when all its lessons are", () => {
    const { modules } = buildOutline(rows, ctx({ customer_tier: 3, completed_placement_ids: new Set(["p1", "p2"]) }))
    expect(modules[0].sections[0].completed).toBe(true)
    expect(modules[0].completed).toBe(true)
    expect(modules[1].completed).toBe(false)
  })

  it("one prepared outline serves every caller unchanged: the gate is applied per caller, the cache never mutated", () => {
    const prepared = prepareOutline(rows)
    const before = JSON.stringify(prepared.modules)
    const anonymous = gateOutline(prepared, ctx({ customer_id: null, customer_tier: 0, enrolled_at: null }))
    const vip = gateOutline(prepared, ctx({ customer_tier: 3, completed_placement_ids: new Set(["p2"]) }))
    expect(JSON.stringify(prepared.modules)).toBe(before)
    expect(anonymous).toEqual(buildOutline(rows, ctx({ customer_id: null, customer_tier: 0, enrolled_at: null })))
    expect(vip).toEqual(buildOutline(rows, ctx({ customer_tier: 3, completed_placement_ids: new Set(["p2"]) })))
    expect(vip.modules[0].sections[0].lessons[1]).toMatchObject({ id: "p2", locked: false, completed: true })
    expect(anonymous.modules[0].sections[0].lessons[1]).toMatchObject({ id: "p2", locked: true, completed: false })
    // The single-lesson gate reads a placement's effective tier and drips from the same map.
    expect(prepared.placement_count).toBe(3)
    expect(prepared.placements.get("p3")).toMatchObject({ lesson_id: "l1", required_tier: 2, drips: [{ drip_days: 14, drip_date: null }, { drip_days: null, drip_date: null }, { drip_days: null, drip_date: null }] })
    expect(prepared.placements.get("nope")).toBeUndefined()
  })
})
