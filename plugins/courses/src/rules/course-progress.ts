/**
 * Course progress: completed placements among those the customer's tier opens (free
 * previews open to everyone count too), as a whole percent rounded down, so 100 means
 * every openable lesson is done. No openable lesson: 0.
 */
export type ProgressPlacement = { id: string; required_tier: number; is_preview: boolean }

export function openablePlacementIds(placements: ProgressPlacement[], tier: number): string[] {
  return placements.filter((p) => p.is_preview || p.required_tier <= tier).map((p) => p.id)
}

export function courseProgressPercent(placements: ProgressPlacement[], tier: number, completedIds: Iterable<string>): number {
  const openable = openablePlacementIds(placements, tier)
  if (!openable.length) return 0
  const done = new Set(completedIds)
  const completed = openable.filter((id) => done.has(id)).length
  return Math.floor((completed * 100) / openable.length)
}

/** An enrollment is complete when the customer has a tier and every openable lesson is done. */
export function isCourseComplete(placements: ProgressPlacement[], tier: number, completedIds: Iterable<string>): boolean {
  return tier >= 1 && openablePlacementIds(placements, tier).length > 0 && courseProgressPercent(placements, tier, completedIds) === 100
}
