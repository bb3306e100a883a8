/**
 * Drip: when a node of the outline opens for an enrolled customer. A node may drip by
 * `drip_days` after enrollment or on a fixed `drip_date`; when both are set the later
 * wins. A lesson's release is the latest release of its module, section and placement.
 * Without an enrollment the clock starts `now` (nothing drip-locked opens early).
 */
export type Drip = { drip_days?: number | null; drip_date?: Date | string | null }

const DAY_MS = 24 * 60 * 60 * 1000

/** The moment every drip in `levels` has passed, or null when none drips. */
export function dripAvailableAt(levels: Drip[], enrolledAt: Date | string | null | undefined, now: Date = new Date()): Date | null {
  const start = enrolledAt ? new Date(enrolledAt) : now
  let latest: number | null = null
  for (const level of levels) {
    if (level.drip_days !== null && level.drip_days !== undefined && level.drip_days > 0) {
      const at = start.getTime() + level.drip_days * DAY_MS
      latest = latest === null ? at : Math.max(latest, at)
    }
    if (level.drip_date) {
      const at = new Date(level.drip_date).getTime()
      latest = latest === null ? at : Math.max(latest, at)
    }
  }
  return latest === null ? null : new Date(latest)
}

/** True when a node with this release moment is open at `now`. */
export function isDripReleased(availableAt: Date | null, now: Date = new Date()): boolean {
  return availableAt === null || availableAt.getTime() <= now.getTime()
}
