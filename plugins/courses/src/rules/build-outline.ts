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

export function buildOutline(rows: OutlineRows, ctx: OutlineContext) {
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
  const lessons = new Map(rows.lessons.map((l) => [l.id, l]))
  /** Every placement with its effective tier, for progress. */
  const flat: { id: string; required_tier: number; is_preview: boolean }[] = []

  const modules: OutlineModule[] = [...rows.modules].sort(byRank).map((m) => {
    const moduleTier = effectiveRequiredTier(m.required_tier)
    const sections: OutlineSection[] = rows.sections
      .filter((s) => s.module_id === m.id)
      .sort(byRank)
      .map((s) => {
        const sectionTier = effectiveRequiredTier(m.required_tier, s.required_tier)
        const placed: OutlineLesson[] = rows.placements
          .filter((p) => p.section_id === s.id)
          .sort(byRank)
          .map((p) => {
            const lesson = lessons.get(p.lesson_id)
            const tier = effectiveRequiredTier(m.required_tier, s.required_tier, p.required_tier)
            flat.push({ id: p.id, required_tier: tier, is_preview: p.is_preview })
            return {
              id: p.id,
              lesson_id: p.lesson_id,
              title: lesson?.title ?? "",
              type: lesson?.type ?? "text",
              duration_seconds: lesson?.duration_seconds ?? null,
              is_preview: p.is_preview,
              rank: p.rank,
              ...gate(tier, [m, s, p], p.is_preview),
              completed: ctx.completed_placement_ids.has(p.id),
            }
          })
        return {
          id: s.id,
          title: s.title,
          rank: s.rank,
          ...gate(sectionTier, [m, s], false),
          completed: placed.length > 0 && placed.every((l) => l.completed),
          lessons: placed,
        }
      })
    return {
      id: m.id,
      title: m.title,
      rank: m.rank,
      ...gate(moduleTier, [m], false),
      completed: sections.length > 0 && sections.every((s) => s.completed),
      sections,
    }
  })
  return { modules, placements: flat }
}
