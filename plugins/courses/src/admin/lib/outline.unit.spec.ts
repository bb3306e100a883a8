import type { Module } from "./api"
import {
  addModule,
  addPlacement,
  addSection,
  effectiveTier,
  moveLessonToSection,
  movePlacement,
  moveSection,
  moveWithinParent,
  outlinePayload,
  patchNode,
  removeNode,
} from "./outline"

const placement = (id: string, lesson_id: string) => ({ id, lesson_id, required_tier: 1, is_preview: false, drip_days: null })
const tree = (): Module[] => [
  {
    id: "cmod_1",
    title: "One",
    required_tier: 1,
    drip_days: null,
    drip_date: null,
    sections: [
      { id: "csec_1", title: "A", required_tier: 1, drip_days: null, lessons: [placement("cpl_1", "les_1"), placement("cpl_2", "les_2")] },
      { id: "csec_2", title: "B", required_tier: 1, drip_days: 3, drip_date: "2030-01-01T00:00:00.000Z", lessons: [] },
    ],
  },
]

describe("course builder outline edits", () => {
  it("sends the whole tree, new nodes without ids, drip dates kept", () => {
    const before = tree()
    const after = addPlacement(addSection(addModule(before, "Two"), 1, "C"), 1, 0, { id: "les_3", title: "Three", type: "text" })
    const payload = outlinePayload(before, after)
    expect(payload.modules[0].sections[1]).toEqual({ id: "csec_2", title: "B", required_tier: 1, drip_days: 3, drip_date: "2030-01-01T00:00:00.000Z", lessons: [] })
    expect(payload.modules[1]).toEqual({
      title: "Two", required_tier: 1, drip_days: null,
      sections: [{ title: "C", required_tier: 1, drip_days: null, lessons: [{ lesson_id: "les_3", required_tier: 1, drip_days: null, is_preview: false }] }],
    })
    expect(payload.remove).toEqual({ modules: [], sections: [], lessons: [] })
    expect(before[0].sections[0].lessons).toHaveLength(2)
    expect(before).toHaveLength(1)
  })

  it("lists a removed node and everything under it in remove", () => {
    const before = tree()
    expect(outlinePayload(before, removeNode(before, { module: 0 })).remove).toEqual({
      modules: ["cmod_1"], sections: ["csec_1", "csec_2"], lessons: ["cpl_1", "cpl_2"],
    })
    expect(outlinePayload(before, removeNode(before, { module: 0, section: 0, lesson: 1 })).remove).toEqual({
      modules: [], sections: [], lessons: ["cpl_2"],
    })
  })

  it("moves a lesson to another section, keeping its id (a move, not a delete)", () => {
    const before = tree()
    const after = moveLessonToSection(before, { module: 0, section: 0, lesson: 0 }, "csec_2")
    const payload = outlinePayload(before, after)
    expect(payload.modules[0].sections.map((s) => s.lessons.map((l) => l.id))).toEqual([["cpl_2"], ["cpl_1"]])
    expect(payload.remove.lessons).toEqual([])
    expect(moveLessonToSection(before, { module: 0, section: 0, lesson: 0 }, "csec_missing")).toBe(before)
  })

  it("reorders within the parent and ignores moves past the ends", () => {
    const before = tree()
    const down = moveWithinParent(before, { module: 0, section: 0, lesson: 0 }, 1)
    expect(down[0].sections[0].lessons.map((l) => l.id)).toEqual(["cpl_2", "cpl_1"])
    expect(moveWithinParent(before, { module: 0, section: 0, lesson: 0 }, -1)).toBe(before)
    expect(moveWithinParent(before, { module: 0, section: 1 }, 1)).toBe(before)
    expect(moveWithinParent(before, { module: 0, section: 1 }, -1)[0].sections.map((s) => s.id)).toEqual(["csec_2", "csec_1"])
  })

  it("patches one node and computes the inherited tier as the highest level", () => {
    const before = tree()
    const after = patchNode(before, { module: 0, section: 0, lesson: 1 }, { is_preview: true, required_tier: 3 })
    expect(after[0].sections[0].lessons[1]).toMatchObject({ id: "cpl_2", is_preview: true, required_tier: 3 })
    expect(before[0].sections[0].lessons[1].is_preview).toBe(false)
    expect(patchNode(before, { module: 0 }, { title: "Renamed" })[0].title).toBe("Renamed")
    expect(effectiveTier(2, 1)).toBe(2)
    expect(effectiveTier(1, 3)).toBe(3)
  })
})

describe("drag and drop of lessons", () => {
  it("drops a lesson before another one, in its own or another section", () => {
    const before = tree()
    expect(movePlacement(before, "cpl_2", "csec_1", "cpl_1")[0].sections[0].lessons.map((l) => l.id)).toEqual(["cpl_2", "cpl_1"])
    const across = movePlacement(before, "cpl_1", "csec_2")
    expect(across[0].sections.map((s) => s.lessons.map((l) => l.id))).toEqual([["cpl_2"], ["cpl_1"]])
    expect(outlinePayload(before, across).remove.lessons).toEqual([])
  })

  it("leaves the tree alone for unknown ids or a drop on itself", () => {
    const before = tree()
    expect(movePlacement(before, "cpl_1", "csec_1", "cpl_1")).toBe(before)
    expect(movePlacement(before, "cpl_x", "csec_1")).toBe(before)
    expect(movePlacement(before, "cpl_1", "csec_x")).toBe(before)
  })
})

describe("drag and drop of sections", () => {
  const twoModules = (): Module[] => [
    ...tree(),
    { id: "cmod_2", title: "Two", required_tier: 2, drip_days: null, sections: [{ id: "csec_3", title: "C", required_tier: 1, drip_days: null, lessons: [] }] },
  ]

  it("moves a section with its lessons to another module, before a section or last", () => {
    const before = twoModules()
    const moved = moveSection(before, "csec_1", "cmod_2", "csec_3")
    expect(moved.map((m) => m.sections.map((s) => s.id))).toEqual([["csec_2"], ["csec_1", "csec_3"]])
    expect(moved[1].sections[0].lessons.map((l) => l.id)).toEqual(["cpl_1", "cpl_2"])
    expect(moveSection(before, "csec_1", "cmod_2").map((m) => m.sections.map((s) => s.id))).toEqual([["csec_2"], ["csec_3", "csec_1"]])
    expect(outlinePayload(before, moved).remove).toEqual({ modules: [], sections: [], lessons: [] })
  })

  it("leaves the tree alone for unknown ids or a drop on itself", () => {
    const before = twoModules()
    expect(moveSection(before, "csec_1", "cmod_1", "csec_1")).toBe(before)
    expect(moveSection(before, "csec_x", "cmod_1")).toBe(before)
    expect(moveSection(before, "csec_1", "cmod_x")).toBe(before)
  })
})
