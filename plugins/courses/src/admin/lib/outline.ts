import type { Module, Placement, Section } from "./api"

/** Nodes made in the builder carry a temporary id until the server answers. */
const TEMP = "tmp_"
let counter = 0
export const tempId = () => `${TEMP}${Date.now().toString(36)}_${counter++}`
const saved = (id: string) => !id.startsWith(TEMP)

const nodeFields = (n: { id: string; required_tier: number; drip_days: number | null; drip_date?: string | null }) => ({
  ...(saved(n.id) ? { id: n.id } : {}),
  required_tier: n.required_tier,
  drip_days: n.drip_days,
  ...(n.drip_date ? { drip_date: n.drip_date } : {}),
})

const ids = (modules: Module[]) => ({
  modules: modules.map((m) => m.id),
  sections: modules.flatMap((m) => m.sections.map((s) => s.id)),
  lessons: modules.flatMap((m) => m.sections.flatMap((s) => s.lessons.map((l) => l.id))),
})

/**
 * The POST /admin/courses/:id/outline payload for `next`: the whole tree (ranks are array
 * positions) and, in `remove`, every saved node of `previous` that `next` no longer holds.
 */
export function outlinePayload(previous: Module[], next: Module[]) {
  const before = ids(previous)
  const after = ids(next)
  const gone = (k: keyof typeof before) => before[k].filter((id) => saved(id) && !after[k].includes(id))
  return {
    modules: next.map((m) => ({
      ...nodeFields(m),
      title: m.title,
      sections: m.sections.map((s) => ({
        ...nodeFields(s),
        title: s.title,
        lessons: s.lessons.map((p) => ({ ...nodeFields(p), lesson_id: p.lesson_id, is_preview: p.is_preview })),
      })),
    })),
    remove: { modules: gone("modules"), sections: gone("sections"), lessons: gone("lessons") },
  }
}

export type NodeRef = { module: number; section?: number; lesson?: number }
export type NodePatch = Partial<Pick<Placement, "required_tier" | "drip_days" | "is_preview">> & { title?: string }

const clone = (modules: Module[]): Module[] =>
  modules.map((m) => ({ ...m, sections: m.sections.map((s) => ({ ...s, lessons: s.lessons.map((l) => ({ ...l })) })) }))

/** A copy of the tree with the node at `ref` patched. */
export function patchNode(modules: Module[], ref: NodeRef, patch: NodePatch): Module[] {
  const next = clone(modules)
  const m = next[ref.module]
  if (ref.section === undefined) Object.assign(m, patch)
  else if (ref.lesson === undefined) Object.assign(m.sections[ref.section], patch)
  else Object.assign(m.sections[ref.section].lessons[ref.lesson], patch)
  return next
}

/** A copy of the tree without the node at `ref` (with its children). */
export function removeNode(modules: Module[], ref: NodeRef): Module[] {
  const next = clone(modules)
  if (ref.section === undefined) next.splice(ref.module, 1)
  else if (ref.lesson === undefined) next[ref.module].sections.splice(ref.section, 1)
  else next[ref.module].sections[ref.section].lessons.splice(ref.lesson, 1)
  return next
}

export function addModule(modules: Module[], title: string): Module[] {
  return [...clone(modules), { id: tempId(), title, required_tier: 1, drip_days: null, sections: [] }]
}

export function addSection(modules: Module[], module: number, title: string): Module[] {
  const next = clone(modules)
  const section: Section = { id: tempId(), title, required_tier: 1, drip_days: null, lessons: [] }
  next[module].sections.push(section)
  return next
}

export function addPlacement(modules: Module[], module: number, section: number, lesson: { id: string; title: string; type: string }) {
  const next = clone(modules)
  next[module].sections[section].lessons.push({
    id: tempId(),
    lesson_id: lesson.id,
    required_tier: 1,
    is_preview: false,
    drip_days: null,
    lesson,
  })
  return next
}

/** Moves a node one step up or down among its siblings (no-op at the ends). */
export function moveWithinParent(modules: Module[], ref: NodeRef, delta: -1 | 1): Module[] {
  const next = clone(modules)
  const list: unknown[] =
    ref.section === undefined ? next : ref.lesson === undefined ? next[ref.module].sections : next[ref.module].sections[ref.section].lessons
  const from = ref.lesson ?? ref.section ?? ref.module
  const to = from + delta
  if (to < 0 || to >= list.length) return modules
  const [item] = list.splice(from, 1)
  list.splice(to, 0, item)
  return next
}

/** Moves a lesson placement to the end of another section (given by its id). */
export function moveLessonToSection(modules: Module[], ref: Required<NodeRef>, sectionId: string): Module[] {
  const next = clone(modules)
  const target = next.flatMap((m) => m.sections).find((s) => s.id === sectionId)
  if (!target) return modules
  const [placement] = next[ref.module].sections[ref.section].lessons.splice(ref.lesson, 1)
  target.lessons.push(placement)
  return next
}

/** Effective tier of a level: the highest of its own and its ancestors' (the store gate's rule). */
export const effectiveTier = (...tiers: number[]) => Math.max(1, ...tiers)

/**
 * Moves a placement (by id) into a section (by id), before `beforeId` when given and found
 * there, else at the end. The drop target of drag and drop; the tree is unchanged when either
 * id is unknown or the placement is dropped on itself.
 */
export function movePlacement(modules: Module[], placementId: string, sectionId: string, beforeId?: string): Module[] {
  if (placementId === beforeId) return modules
  const next = clone(modules)
  const sections = next.flatMap((m) => m.sections)
  const target = sections.find((s) => s.id === sectionId)
  const source = sections.find((s) => s.lessons.some((l) => l.id === placementId))
  if (!target || !source) return modules
  const [placement] = source.lessons.splice(source.lessons.findIndex((l) => l.id === placementId), 1)
  const at = beforeId ? target.lessons.findIndex((l) => l.id === beforeId) : -1
  target.lessons.splice(at === -1 ? target.lessons.length : at, 0, placement)
  return next
}

/** Moves a section (by id) into a module (by id), before `beforeId` when given and found, else last. */
export function moveSection(modules: Module[], sectionId: string, moduleId: string, beforeId?: string): Module[] {
  if (sectionId === beforeId) return modules
  const next = clone(modules)
  const target = next.find((m) => m.id === moduleId)
  const source = next.find((m) => m.sections.some((s) => s.id === sectionId))
  if (!target || !source) return modules
  const [section] = source.sections.splice(source.sections.findIndex((s) => s.id === sectionId), 1)
  const at = beforeId ? target.sections.findIndex((s) => s.id === beforeId) : -1
  target.sections.splice(at === -1 ? target.sections.length : at, 0, section)
  return next
}
