import { formatDecimalMoney, formatMoney } from "@/lib/money"
import { tierName, tierOwnName } from "@/lib/tiers"
import type { TierOption, UpgradeQuote } from "@/lib/courses"

/**
 * Tier comparison with prices in the visitor's region, what each tier includes and a buy
 * button per tier. Names come from the course's details or the variant's title; a tier
 * that has neither buys with a plain "Buy" (never "Buy Default variant"). With `quotes` (a
 * student upgrading), a tier they get credit towards shows what they pay after the credit
 * for their earlier purchase, and its button puts that credit on the cart. Buttons are plain
 * forms to `/form/<name>` (lib/store-forms.ts): no client code.
 */
export function TierBuy({
  tiers,
  currentTier = 0,
  only,
  quotes,
}: {
  tiers: TierOption[]
  currentTier?: number
  only?: string[]
  quotes?: UpgradeQuote[]
}) {
  const quoteOf = (variantId: string) => quotes?.find((q) => q.variant_id === variantId)
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
              ) : quoteOf(v.id)?.credit_minor ? (
                <UpgradeWithCredit quote={quoteOf(v.id)!} tiers={tiers} title={name ?? "the next tier"} />
              ) : v.calculated_price?.calculated_amount === 0 ? (
                // Free tiers enroll with no cart or payment (components/free-enroll.tsx).
                <span className="badge">Free</span>
              ) : (
                <form method="post" action="/form/add-to-cart">
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

/** A tier the student gets credit towards: what they pay after it, and a button that puts it on the cart. */
function UpgradeWithCredit({ quote, tiers, title }: { quote: UpgradeQuote; tiers: TierOption[]; title: string }) {
  return (
    <form method="post" action="/form/upgrade" className="stack" data-testid="upgrade-quote">
      <p style={{ margin: 0 }}>
        You pay <strong>{formatDecimalMoney(quote.amount_due, quote.currency_code)}</strong>{" "}
        <span className="muted">
          (credit {formatDecimalMoney(quote.credit, quote.currency_code)} for your {quote.from_tier ? tierName(tiers, quote.from_tier) : "earlier"}{" "}
          purchase)
        </span>
      </p>
      <input type="hidden" name="variant_id" value={quote.variant_id} />
      <button className="btn" type="submit">
        Upgrade to {title}
      </button>
    </form>
  )
}
