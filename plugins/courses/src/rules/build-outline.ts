import { decideLessonAccess, effectiveRequiredTier, lockReason, LockReason } from "./lesson-gate"
import { dripAvailableAt, Drip } from "./drip-availability"

/**
 * Builds the store outline of a course from flat rows (one query per level), applying
 * the lesson gate to every node. Only titles and metadata of lessons go in: never
 * bodies or media, whatever the caller may open.
 */
type Node = Drip & { id: string; title: string; rank: number; required_tier: number }
export type OutlineRows = {
  modules: (Node & { course_id?: string })[]
  sections: (Node & { module_id: string })[]
  placements: (Drip & { id: string; rank: number; required_tier: number; is_preview: boolean; section_id: string; lesson_id: string })[]
  lessons: { id: string; title: string; type: string; duration_seconds: number | null }[]
}
export type OutlineContext = {
  course_status: string
  customer_id: string | null
  customer_tier: number
  enrolled_at: Date | string | null
  completed_placement_ids: Set<string>
  now?: Date
}
type Gate = { required_tier: number; locked: boolean; lock_reason: LockReason; available_at: string | null }

export type OutlineLesson = Gate & {
  id: string
  lesson_id: string
  title: string
  type: string
  duration_seconds: number | null
  is_preview: boolean
  rank: number
  completed: boolean
}
export type OutlineSection = Gate & { id: string; title: string; rank: number; completed: boolean; lessons: OutlineLesson[] }
export type OutlineModule = Gate & { id: string; title: string; rank: number; completed: boolean; sections: OutlineSection[] }

const byRank = <T extends { rank: number; id: string }>(a: T, b: T) => a.rank - b.rank || (a.id < b.id ? -1 : 1)

/** The caller-independent part of an outline: sorted, joined, tiers resolved. Cacheable per outline stamp. */
export type PreparedPlacement = {
  id: string
  lesson_id: string
  title: string
  type: string
  duration_seconds: number | null
  is_preview: boolean
  rank: number
  required_tier: number
  drips: Drip[]
}
export type PreparedSection = { id: string; title: string; rank: number; required_tier: number; drips: Drip[]; lessons: PreparedPlacement[] }
export type PreparedModule = { id: string; title: string; rank: number; required_tier: number; drips: Drip[]; sections: PreparedSection[] }
export type PreparedOutline = {
  modules: PreparedModule[]
  placement_count: number
  /** Placement id -> the placement, for the single-lesson gate. */
  placements: Map<string, PreparedPlacement>
  /** Some node drips by days after enrollment (its release moves with `now` for the non-enrolled). */
  has_relative_drip: boolean
}

const dripOf = (n: Drip): Drip => ({ drip_days: n.drip_days ?? null, drip_date: n.drip_date ?? null })

/** Sorts and joins the flat rows once (linear in the number of rows). */
export function prepareOutline(rows: OutlineRows): PreparedOutline {
  const lessons = new Map(rows.lessons.map((l) => [l.id, l]))
  const sectionsOf = new Map<string, OutlineRows["sections"]>()
  for (const s of rows.sections) sectionsOf.set(s.module_id, [...(sectionsOf.get(s.module_id) ?? []), s])
  const placementsOf = new Map<string, OutlineRows["placements"]>()
  for (const p of rows.placements) {
    const list = placementsOf.get(p.section_id)
    if (list) list.push(p)
    else placementsOf.set(p.section_id, [p])
  }
  const byId = new Map<string, PreparedPlacement>()
  const modules = [...rows.modules].sort(byRank).map((m): PreparedModule => {
    const md = dripOf(m)
    const sections = [...(sectionsOf.get(m.id) ?? [])].sort(byRank).map((s): PreparedSection => {
      const sd = dripOf(s)
      const placed = [...(placementsOf.get(s.id) ?? [])].sort(byRank).map((p): PreparedPlacement => {
        const lesson = lessons.get(p.lesson_id)
        const prepared: PreparedPlacement = {
          id: p.id,
          lesson_id: p.lesson_id,
          title: lesson?.title ?? "",
          type: lesson?.type ?? "text",
          duration_seconds: lesson?.duration_seconds ?? null,
          is_preview: p.is_preview,
          rank: p.rank,
          required_tier: effectiveRequiredTier(m.required_tier, s.required_tier, p.required_tier),
          drips: [md, sd, dripOf(p)],
        }
        byId.set(p.id, prepared)
        return prepared
      })
      return { id: s.id, title: s.title, rank: s.rank, required_tier: effectiveRequiredTier(m.required_tier, s.required_tier), drips: [md, sd], lessons: placed }
    })
    return { id: m.id, title: m.title, rank: m.rank, required_tier: effectiveRequiredTier(m.required_tier), drips: [md], sections }
  })
  const relative = (d: Drip) => !!d.drip_days && d.drip_days > 0
  const has_relative_drip =
    rows.modules.some(relative) || rows.sections.some(relative) || rows.placements.some(relative)
  return { modules, placement_count: byId.size, placements: byId, has_relative_drip }
}

/** Applies the lesson gate for one caller to a prepared outline. */
export function gateOutline(prepared: PreparedOutline, ctx: OutlineContext) {
  const now = ctx.now ?? new Date()
  const gate = (requiredTier: number, drips: Drip[], isPreview: boolean): Gate => {
    const available = dripAvailableAt(drips, ctx.enrolled_at, now)
    const decision = decideLessonAccess({
      course_status: ctx.course_status,
      is_preview: isPreview,
      customer_id: ctx.customer_id,
      customer_tier: ctx.customer_tier,
      required_tier: requiredTier,
      available_at: available,
      now,
    })
    return {
      required_tier: requiredTier,
      locked: !decision.allowed,
      lock_reason: lockReason(decision),
      available_at: available ? available.toISOString() : null,
    }
  }
  /** Every placement with its effective tier, for progress. */
  const flat: { id: string; required_tier: number; is_preview: boolean }[] = []
  const modules: OutlineModule[] = prepared.modules.map((m) => {
    const sections: OutlineSection[] = m.sections.map((s) => {
      const placed: OutlineLesson[] = s.lessons.map((p) => {
        flat.push({ id: p.id, required_tier: p.required_tier, is_preview: p.is_preview })
        return {
          id: p.id,
          lesson_id: p.lesson_id,
          title: p.title,
          type: p.type,
          duration_seconds: p.duration_seconds,
          is_preview: p.is_preview,
          rank: p.rank,
          ...gate(p.required_tier, p.drips, p.is_preview),
          completed: ctx.completed_placement_ids.has(p.id),
        }
      })
      return {
        id: s.id,
        title: s.title,
        rank: s.rank,
        ...gate(s.required_tier, s.drips, false),
        completed: placed.length > 0 && placed.every((l) => l.completed),
        lessons: placed,
      }
    })
    return {
      id: m.id,
      title: m.title,
      rank: m.rank,
      ...gate(m.required_tier, m.drips, false),
      completed: sections.length > 0 && sections.every((s) => s.completed),
      sections,
    }
  })
  return { modules, placements: flat }
}

export function buildOutline(rows: OutlineRows, ctx: OutlineContext) {
  return gateOutline(prepareOutline(rows), ctx)
}
