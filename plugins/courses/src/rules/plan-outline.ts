/**
 * Turns an outline payload (the whole tree of a course, plus what to remove) into the
 * creates, updates and removals to apply, or the list of problems that make it invalid.
 * Every existing node must appear exactly once: in the tree or in `remove`. A node
 * listed twice (a cycle or a node under two parents), an id of another course, a lesson
 * outside the org's library and an existing node left out are all refused, naming it.
 * Ranks are the positions in the payload arrays. Pure: the caller supplies what exists.
 */
export type DripInput = { drip_days?: number | null; drip_date?: string | Date | null }
export type OutlinePlacementInput = DripInput & { id?: string; lesson_id: string; required_tier?: number; is_preview?: boolean }
export type OutlineSectionInput = DripInput & { id?: string; title: string; required_tier?: number; lessons?: OutlinePlacementInput[] }
export type OutlineModuleInput = DripInput & { id?: string; title: string; required_tier?: number; sections?: OutlineSectionInput[] }
export type OutlineInput = {
  modules: OutlineModuleInput[]
  remove?: { modules?: string[]; sections?: string[]; lessons?: string[] }
}
export type ExistingOutline = { modules: string[]; sections: string[]; placements: string[] }
export type IdFactory = { module(): string; section(): string; placement(): string }

type NodeFields = "title" | "required_tier" | "drip_days" | "drip_date"
export type OutlineModuleRow = { id: string; rank: number } & Partial<Pick<OutlineModuleInput, NodeFields>>
export type OutlineSectionRow = { id: string; rank: number; module_id: string } & Partial<Pick<OutlineSectionInput, NodeFields>>
export type OutlinePlacementRow = { id: string; rank: number; section_id: string } & Partial<
  Pick<OutlinePlacementInput, "lesson_id" | "required_tier" | "is_preview" | "drip_days" | "drip_date">
>
/** A new row also names its course. */
type New<R> = R & { course_id: string }
export type OutlinePlan = {
  modules: { create: New<OutlineModuleRow>[]; update: OutlineModuleRow[]; remove: string[] }
  sections: { create: New<OutlineSectionRow>[]; update: OutlineSectionRow[]; remove: string[] }
  placements: { create: New<OutlinePlacementRow>[]; update: OutlinePlacementRow[]; remove: string[] }
}
export type OutlinePlanResult = { ok: true; plan: OutlinePlan } | { ok: false; problems: string[] }

const LEVELS = { modules: "module", sections: "section", placements: "lesson placement" } as const
type Level = keyof typeof LEVELS

function pickDefined<T extends object, K extends keyof T>(src: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k]
  return out
}

export function planOutline(
  courseId: string,
  input: OutlineInput,
  existing: ExistingOutline,
  orgLessonIds: Set<string>,
  ids: IdFactory
): OutlinePlanResult {
  const problems: string[] = []
  const plan: OutlinePlan = {
    modules: { create: [], update: [], remove: [] },
    sections: { create: [], update: [], remove: [] },
    placements: { create: [], update: [], remove: [] },
  }
  const known: Record<Level, Set<string>> = {
    modules: new Set(existing.modules),
    sections: new Set(existing.sections),
    placements: new Set(existing.placements),
  }
  const seen: Record<Level, Set<string>> = { modules: new Set(), sections: new Set(), placements: new Set() }
  const removeIds: Record<Level, string[]> = {
    modules: input.remove?.modules ?? [],
    sections: input.remove?.sections ?? [],
    placements: input.remove?.lessons ?? [],
  }

  /** The id of a payload node: checked when given, generated when new. */
  const claim = (level: Level, id: string | undefined, where: string): string | null => {
    if (id === undefined) return null
    if (!known[level].has(id)) {
      problems.push(`${where}: ${LEVELS[level]} "${id}" is not part of this course`)
    } else if (seen[level].has(id)) {
      problems.push(`${where}: ${LEVELS[level]} "${id}" appears more than once (a node can have one place only)`)
    }
    seen[level].add(id)
    return id
  }
  const nodeFields = ["title", "required_tier", "drip_days", "drip_date"] as const

  input.modules.forEach((m, mi) => {
    const mWhere = `modules[${mi}]`
    const mId = claim("modules", m.id, mWhere)
    const moduleId = mId ?? ids.module()
    const mRow = { id: moduleId, rank: mi, ...pickDefined(m, nodeFields) }
    if (mId) plan.modules.update.push(mRow)
    else plan.modules.create.push({ ...mRow, course_id: courseId })

    ;(m.sections ?? []).forEach((s, si) => {
      const sWhere = `${mWhere}.sections[${si}]`
      const sId = claim("sections", s.id, sWhere)
      const sectionId = sId ?? ids.section()
      const sRow = { id: sectionId, rank: si, module_id: moduleId, ...pickDefined(s, nodeFields) }
      if (sId) plan.sections.update.push(sRow)
      else plan.sections.create.push({ ...sRow, course_id: courseId })

      ;(s.lessons ?? []).forEach((p, pi) => {
        const pWhere = `${sWhere}.lessons[${pi}]`
        const pId = claim("placements", p.id, pWhere)
        if (!orgLessonIds.has(p.lesson_id)) {
          problems.push(`${pWhere}.lesson_id: lesson "${p.lesson_id}" is not in this org's lesson library`)
        }
        const placementId = pId ?? ids.placement()
        const pRow = {
          id: placementId,
          rank: pi,
          section_id: sectionId,
          ...pickDefined(p, ["lesson_id", "required_tier", "is_preview", "drip_days", "drip_date"] as const),
        }
        if (pId) plan.placements.update.push(pRow)
        else plan.placements.create.push({ ...pRow, course_id: courseId })
      })
    })
  })

  for (const level of Object.keys(LEVELS) as Level[]) {
    const removing = new Set<string>()
    for (const id of removeIds[level]) {
      if (!known[level].has(id)) {
        problems.push(`remove.${level === "placements" ? "lessons" : level}: ${LEVELS[level]} "${id}" is not part of this course`)
      } else if (seen[level].has(id)) {
        problems.push(`remove.${level === "placements" ? "lessons" : level}: ${LEVELS[level]} "${id}" is both kept in the outline and removed`)
      } else {
        removing.add(id)
      }
    }
    for (const id of known[level]) {
      if (!seen[level].has(id) && !removing.has(id)) {
        problems.push(`${LEVELS[level]} "${id}" is missing from the outline (list it in the tree, or in remove to delete it)`)
      }
    }
    plan[level].remove = [...removing]
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan }
}
