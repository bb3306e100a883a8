import { planOutline } from "./plan-outline"

let n = 0
const ids = { module: () => `cmod_new${++n}`, section: () => `csec_new${++n}`, placement: () => `cpl_new${++n}` }
const existing = { modules: ["m1", "m2"], sections: ["s1", "s2"], placements: ["p1", "p2"] }
const lessons = new Set(["les_a", "les_b"])

const tree = () => ({
  modules: [
    { id: "m1", title: "One", sections: [{ id: "s1", title: "S1", lessons: [{ id: "p1", lesson_id: "les_a" }] }] },
    { id: "m2", title: "Two", sections: [{ id: "s2", title: "S2", lessons: [{ id: "p2", lesson_id: "les_b" }] }] },
  ],
})

describe("planOutline", () => {
  it("the current tree unchanged plans updates only, with ranks from positions", () => {
    const r = planOutline("course_1", tree(), existing, lessons, ids)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.plan.modules.update.map((m) => [m.id, m.rank])).toEqual([["m1", 0], ["m2", 1]])
    expect(r.plan.modules.create).toEqual([])
    expect(r.plan.placements.update).toEqual([
      { id: "p1", rank: 0, section_id: "s1", lesson_id: "les_a" },
      { id: "p2", rank: 0, section_id: "s2", lesson_id: "les_b" },
    ])
  })

  it("reorders, renames, moves across parents and creates nested new nodes", () => {
    const input = {
      modules: [
        { id: "m2", title: "Two renamed", sections: [{ id: "s2", title: "S2", lessons: [] }] },
        {
          id: "m1",
          title: "One",
          required_tier: 2,
          sections: [
            { id: "s1", title: "S1", lessons: [{ id: "p2", lesson_id: "les_b" }, { id: "p1", lesson_id: "les_a", is_preview: true }] },
            { title: "New section", lessons: [{ lesson_id: "les_a", required_tier: 3, drip_days: 7 }] },
          ],
        },
        { title: "New module", sections: [] },
      ],
    }
    const r = planOutline("course_1", input, existing, lessons, ids)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.plan.modules.update).toEqual([
      { id: "m2", rank: 0, title: "Two renamed" },
      { id: "m1", rank: 1, title: "One", required_tier: 2 },
    ])
    expect(r.plan.modules.create).toEqual([{ id: expect.stringMatching(/^cmod_/), rank: 2, title: "New module", course_id: "course_1" }])
    const [newSection] = r.plan.sections.create
    expect(newSection).toMatchObject({ module_id: "m1", rank: 1, course_id: "course_1", title: "New section" })
    expect(r.plan.placements.update.map((p) => [p.id, p.section_id, p.rank])).toEqual([
      ["p2", "s1", 0],
      ["p1", "s1", 1],
    ])
    expect(r.plan.placements.create).toEqual([
      { id: expect.stringMatching(/^cpl_/), rank: 0, section_id: newSection.id, lesson_id: "les_a", required_tier: 3, drip_days: 7, course_id: "course_1" },
    ])
  })

  it("removes what is listed in remove", () => {
    const input = { modules: [tree().modules[0]], remove: { modules: ["m2"], sections: ["s2"], lessons: ["p2"] } }
    const r = planOutline("course_1", input, existing, lessons, ids)
    expect(r.ok && r.plan.modules.remove).toEqual(["m2"])
    expect(r.ok && r.plan.placements.remove).toEqual(["p2"])
  })

  it("refuses a missing node, naming it", () => {
    const r = planOutline("course_1", { modules: [tree().modules[0]] }, existing, lessons, ids)
    expect(r).toEqual({
      ok: false,
      problems: [
        'module "m2" is missing from the outline (list it in the tree, or in remove to delete it)',
        'section "s2" is missing from the outline (list it in the tree, or in remove to delete it)',
        'lesson placement "p2" is missing from the outline (list it in the tree, or in remove to delete it)',
      ],
    })
  })

  it("refuses a node in two places (a cycle), an id of another course, a foreign lesson, kept-and-removed", () => {
    const input = tree() as any
    input.modules[1].sections.push({ id: "s1", title: "again", lessons: [] })
    input.modules[0].sections[0].lessons.push({ id: "cpl_other_course", lesson_id: "les_other_org" })
    input.remove = { lessons: ["p1"] }
    const r = planOutline("course_1", input, existing, lessons, ids)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems).toEqual([
      'modules[0].sections[0].lessons[1]: lesson placement "cpl_other_course" is not part of this course',
      'modules[0].sections[0].lessons[1].lesson_id: lesson "les_other_org" is not in this org\'s lesson library',
      'modules[1].sections[1]: section "s1" appears more than once (a node can have one place only)',
      'remove.lessons: lesson placement "p1" is both kept in the outline and removed',
    ])
  })

  it("refuses removing an unknown node", () => {
    const r = planOutline("course_1", { ...tree(), remove: { modules: ["m9"] } }, existing, lessons, ids)
    expect(r).toEqual({ ok: false, problems: ['remove.modules: module "m9" is not part of this course'] })
  })
})
