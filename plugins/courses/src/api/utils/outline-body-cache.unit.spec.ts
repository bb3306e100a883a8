import { gateOutline, OutlineRows, prepareOutline } from "../../rules/build-outline"
import { gunzipSync } from "node:zlib"
import { gatedOutlineBody } from "./outline-body-cache"

const HEAD = JSON.stringify({ id: "course_x", title: "X" })
/** The modules of a cached body, by the same parsing a client does. */
const gatedOutlineJson = (courseId: string, stamp: string, prepared: any, ctx: any) => gatedOutlineBody(courseId, stamp, prepared, ctx, HEAD).body
const modulesOf = (body: Buffer) => JSON.parse(body.toString()).course.modules

const rows = (dripDays: number | null, dripDate: string | null = null): OutlineRows => ({
  modules: [
    { id: "m1", title: "Start", rank: 0, required_tier: 1, drip_days: null, drip_date: null },
    { id: "m2", title: "Later", rank: 1, required_tier: 1, drip_days: dripDays, drip_date: dripDate },
  ],
  sections: [
    { id: "s1", module_id: "m1", title: "Intro", rank: 0, required_tier: 1 },
    { id: "s2", module_id: "m2", title: "Deep", rank: 0, required_tier: 2 },
  ],
  placements: [
    { id: "p1", section_id: "s1", lesson_id: "l1", rank: 0, required_tier: 1, is_preview: true },
    { id: "p2", section_id: "s2", lesson_id: "l1", rank: 0, required_tier: 1, is_preview: false },
  ],
  lessons: [{ id: "l1", title: "Welcome", type: "text", duration_seconds: null }],
})
const base = { course_status: "published", customer_id: "cus_1", customer_tier: 2, completed_placement_ids: new Set<string>() }

describe("gatedOutlineBody", () => {
  it("is exactly the gated outline, and callers in the same position share one encoded body", () => {
    const prepared = prepareOutline(rows(null))
    const ctx = { ...base, enrolled_at: new Date("2026-01-01T00:00:00Z") }
    const first = gatedOutlineJson("course_a", "stamp1", prepared, ctx)
    expect(JSON.parse(first.toString())).toEqual({ course: { id: "course_x", title: "X", modules: JSON.parse(JSON.stringify(gateOutline(prepared, ctx).modules)) } })
    expect(gatedOutlineJson("course_a", "stamp1", prepared, { ...ctx, completed_placement_ids: new Set() })).toBe(first)
    // The gzip is of the same bytes, made once per entry.
    const out = gatedOutlineBody("course_a", "stamp1", prepared, ctx, HEAD)
    expect(gunzipSync(out.gzip()).equals(first)).toBe(true)
    expect(gatedOutlineBody("course_a", "stamp1", prepared, ctx, HEAD).gzip()).toBe(out.gzip())
    // Other course fields or tiers (the head) are another entry.
    expect(gatedOutlineBody("course_a", "stamp1", prepared, ctx, JSON.stringify({ id: "course_x", title: "Renamed" })).body).not.toBe(first)
  })

  it("a different tier, progress, caller kind or outline stamp gets its own body", () => {
    const prepared = prepareOutline(rows(null))
    const ctx = { ...base, enrolled_at: new Date("2026-01-01T00:00:00Z") }
    const first = gatedOutlineJson("course_b", "stamp1", prepared, ctx)
    const done = gatedOutlineJson("course_b", "stamp1", prepared, { ...ctx, completed_placement_ids: new Set(["p1"]) })
    expect(done).not.toBe(first)
    expect(modulesOf(done)[0].sections[0].lessons[0].completed).toBe(true)
    const tier1 = modulesOf(gatedOutlineJson("course_b", "stamp1", prepared, { ...ctx, customer_tier: 1 }))
    expect(tier1[1].sections[0].lessons[0]).toMatchObject({ locked: true, lock_reason: "tier" })
    const anonymous = modulesOf(gatedOutlineJson("course_b", "stamp1", prepared, { ...ctx, customer_id: null, customer_tier: 0, enrolled_at: null }))
    expect(anonymous[0].sections[0].lessons[0]).toMatchObject({ locked: false })
    expect(anonymous[1].sections[0].lessons[0]).toMatchObject({ locked: true, lock_reason: "auth" })
    expect(gatedOutlineJson("course_b", "stamp2", prepared, ctx)).not.toBe(first)
  })

  it("an entry expires at the next drip release it shows, so the lock opens on time", () => {
    const release = new Date(Date.now() + 150)
    const prepared = prepareOutline(rows(null, release.toISOString()))
    const ctx = { ...base, enrolled_at: new Date("2026-01-01T00:00:00Z") }
    const before = modulesOf(gatedOutlineJson("course_c", "s", prepared, ctx))
    expect(before[1]).toMatchObject({ locked: true, lock_reason: "drip" })
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        const after = modulesOf(gatedOutlineJson("course_c", "s", prepared, ctx))
        expect(after[1]).toMatchObject({ locked: false, lock_reason: null })
        resolve()
      }, 250)
    )
  })

  it("is not shared for a caller without enrollment when a node drips by days (release counts from now)", () => {
    const prepared = prepareOutline(rows(7))
    const ctx = { ...base, customer_tier: 0, enrolled_at: null }
    const a = gatedOutlineJson("course_d", "s", prepared, ctx)
    const b = gatedOutlineJson("course_d", "s", prepared, ctx)
    expect(b).not.toBe(a)
  })
})
