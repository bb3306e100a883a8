import type { TierOption } from "./courses"

// Tier names, apart from courses.ts (server-only) so that pure renderers and their unit specs
// can use them.

/** Medusa's name for the only variant of a product nobody named ("Default variant"). */
export const isPlaceholderTitle = (title: string | null | undefined) => !title || /^default( variant)?$/i.test(title.trim())

/**
 * What students call a tier: the name the merchant gave it on the course's details, else the
 * title of its variant ("Basic", "Premium") unless Medusa made that up ("Default variant"),
 * and "Tier 2" only when nothing else names it.
 */
export function tierName(tiers: TierOption[] | undefined, tier: number): string {
  const t = tiers?.find((x) => x.tier === tier)
  return t?.name || t?.title || t?.variants.find((v) => !isPlaceholderTitle(v.title))?.title || `Tier ${tier}`
}

/** A tier's own name for buttons and cards, or null when it has none but a number. */
export function tierOwnName(t: TierOption, variantTitle?: string): string | null {
  if (t.name) return t.name
  if (variantTitle && !isPlaceholderTitle(variantTitle)) return variantTitle
  return t.title || null
}
