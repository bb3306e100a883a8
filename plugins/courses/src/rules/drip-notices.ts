import { dripAvailableAt, Drip } from "./drip-availability"
import { effectiveRequiredTier } from "./lesson-gate"

/**
 * Which "now open" notices are due. A placement is noticed for an enrollment when it was
 * really drip-locked for it (its release is after the enrollment started), its release has
 * come (<= now) within the look-back window (older releases are not announced late, e.g.
 * when notices are switched on for an old course), the student's tier opens it, it is not
 * a free preview (open to all anyway), and no notice exists yet.
 */
export type NoticePlacement = {
  id: string
  title: string
  is_preview: boolean
  /** module, section, placement: tiers and drips of each level. */
  levels: (Drip & { required_tier: number })[]
}
export type NoticeEnrollment = { id: string; customer_id: string; started_at: Date | string; tier: number }
export type DueNotice = { enrollment_id: string; customer_id: string; placement_id: string; title: string; available_at: Date }

export const DRIP_NOTICE_LOOKBACK_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

export function dueDripNotices(
  placements: NoticePlacement[],
  enrollments: NoticeEnrollment[],
  alreadySent: Set<string>,
  now: Date,
  lookbackDays = DRIP_NOTICE_LOOKBACK_DAYS
): DueNotice[] {
  const due: DueNotice[] = []
  const oldest = now.getTime() - lookbackDays * DAY_MS
  for (const e of enrollments) {
    const started = new Date(e.started_at).getTime()
    for (const p of placements) {
      if (p.is_preview || alreadySent.has(`${e.id}:${p.id}`)) continue
      const required = effectiveRequiredTier(...p.levels.map((l) => l.required_tier))
      if (e.tier < 1 || e.tier < required) continue
      const at = dripAvailableAt(p.levels, e.started_at, now)
      if (!at) continue
      const t = at.getTime()
      if (t <= started || t > now.getTime() || t < oldest) continue
      due.push({ enrollment_id: e.id, customer_id: e.customer_id, placement_id: p.id, title: p.title, available_at: at })
    }
  }
  return due
}
