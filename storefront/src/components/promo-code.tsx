import { applyPromoCode, removePromoCode } from "@/app/promo-actions"
import { formatMoney, promotionLabel, type Cart } from "@/lib/data"

/**
 * The cart's promotion codes: the discount, each applied code with a remove button, and a
 * form to apply one. `back` is the page to return to (/cart or /checkout); `error` and
 * `applied` come from its query string (set by the actions).
 */
export function PromoCode({ cart, back, error, applied }: { cart: Cart; back: string; error?: string; applied?: string }) {
  const codes = (cart.promotions ?? []).map((p) => p.code).filter((c): c is string => !!c)
  return (
    <section className="stack" aria-label="Promotion code">
      {cart.discount_total > 0 ? (
        <p className="spread" data-testid="cart-discount">
          <span>Discount{codes.length ? ` (${codes.map(promotionLabel).join(", ")})` : ""}</span>
          <span>−{formatMoney(cart.discount_total, cart.currency_code)}</span>
        </p>
      ) : null}
      {codes.map((code) => (
        <form key={code} action={removePromoCode} className="row">
          <input type="hidden" name="code" value={code} />
          <input type="hidden" name="back" value={back} />
          <span className="badge brand">{promotionLabel(code)}</span>
          <button className="btn secondary" type="submit" aria-label={promotionLabel(code) === code ? `Remove code ${code}` : `Remove ${promotionLabel(code).toLowerCase()}`}>
            Remove
          </button>
        </form>
      ))}
      <form action={applyPromoCode} className="row">
        <input type="hidden" name="back" value={back} />
        <label style={{ flex: 1 }}>
          Promotion code
          <input name="code" autoComplete="off" maxLength={100} required />
        </label>
        <button className="btn secondary" type="submit">
          Apply code
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : applied && codes.includes(applied) ? (
        <p className="muted" role="status">
          Code {applied} applied.
        </p>
      ) : null}
    </section>
  )
}
