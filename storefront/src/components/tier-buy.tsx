import { addToCart } from "@/app/actions"
import { formatMoney } from "@/lib/data"
import { tierOwnName, type TierOption } from "@/lib/courses"

/**
 * Tier comparison with prices in the visitor's region, what each tier includes and a buy
 * button per tier. Names come from the course's details or the variant's title; a tier
 * that has neither buys with a plain "Buy" (never "Buy Default variant").
 */
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
        t.variants.map((v) => {
          const name = tierOwnName(t, v.title)
          return (
            <section className="tier" key={v.id} aria-label={name ? `${name} tier` : "Course"}>
              {name ? <h3 style={{ margin: 0 }}>{name}</h3> : null}
              <div className="price">{formatMoney(v.calculated_price?.calculated_amount, v.calculated_price?.currency_code ?? "usd")}</div>
              {t.includes?.length ? (
                <ul className="includes" aria-label={`What ${name ?? "it"} includes`}>
                  {t.includes.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : null}
              {currentTier >= t.tier ? (
                <span className="badge brand">You have this</span>
              ) : v.calculated_price?.calculated_amount === 0 ? (
                // Free tiers enroll with no cart or payment (components/free-enroll.tsx).
                <span className="badge">Free</span>
              ) : (
                <form action={addToCart}>
                  <input type="hidden" name="variant_id" value={v.id} />
                  <button className="btn" type="submit" disabled={v.calculated_price?.calculated_amount == null}>
                    {currentTier > 0 ? (name ? `Upgrade to ${name}` : "Upgrade") : name ? `Buy ${name}` : "Buy"}
                  </button>
                </form>
              )}
            </section>
          )
        })
      )}
    </div>
  )
}
