import { addToCart } from "@/app/actions"
import { formatMoney } from "@/lib/data"
import type { TierOption } from "@/lib/courses"

const TIER_NAMES: Record<number, string> = { 1: "Basic", 2: "Premium", 3: "VIP" }

/** Tier comparison with prices in the visitor's region and a buy button per tier. */
export function TierBuy({ tiers, currentTier = 0, only }: { tiers: TierOption[]; currentTier?: number; only?: string[] }) {
  const shown = tiers
    .map((t) => ({ ...t, variants: t.variants.filter((v) => !only || only.includes(v.id)) }))
    .filter((t) => t.variants.length)
    .sort((a, b) => a.tier - b.tier)
  if (!shown.length) return null
  const priced = shown.some((t) => t.variants.some((v) => v.calculated_price?.calculated_amount != null))
  if (!priced) {
    return (
      <div className="panel warn" role="status">
        <strong>Not sold in your region.</strong> Choose another region at the bottom of the page.
      </div>
    )
  }
  return (
    <div className="tiers">
      {shown.map((t) =>
        t.variants.map((v) => (
          <section className="tier" key={v.id} aria-label={`${v.title} tier`}>
            <h3 style={{ margin: 0 }}>{v.title || t.title || TIER_NAMES[t.tier]}</h3>
            <div className="price">{formatMoney(v.calculated_price?.calculated_amount, v.calculated_price?.currency_code ?? "usd")}</div>
            {currentTier >= t.tier ? (
              <span className="badge brand">You have this</span>
            ) : v.calculated_price?.calculated_amount === 0 ? (
              // Free tiers enroll with no cart or payment (components/free-enroll.tsx).
              <span className="badge">Free</span>
            ) : (
              <form action={addToCart}>
                <input type="hidden" name="variant_id" value={v.id} />
                <button className="btn" type="submit" disabled={v.calculated_price?.calculated_amount == null}>
                  {currentTier > 0 ? `Upgrade to ${v.title}` : `Buy ${v.title}`}
                </button>
              </form>
            )}
          </section>
        ))
      )}
    </div>
  )
}
