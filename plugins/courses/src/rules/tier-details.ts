export type TierDetail = { tier: number; name?: string | null; includes?: string[] }

/**
 * Each tier the product sells with the merchant's name for it and its "what you get" lines
 * (`name: null`, `includes: []` when not written). Details of a tier the product does not
 * sell (any more) are left out; a blank name counts as none.
 */
export function withTierDetails<T extends { tier: number }>(tiers: T[], details: TierDetail[] | null | undefined) {
  const byTier = new Map((details ?? []).map((d) => [d.tier, d]))
  return tiers.map((t) => {
    const d = byTier.get(t.tier)
    return { ...t, name: d?.name?.trim() || null, includes: d?.includes ?? [] }
  })
}
