import Link from "next/link"
import { redirect } from "next/navigation"
import { checkout } from "../actions"
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { formatMoney, getCart, getCustomer, listRegions } from "@/lib/data"
import { PromoCode } from "@/components/promo-code"

export const metadata = { title: "Checkout" }

export default async function CheckoutPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = await searchParams
  const [cart, customer, regions] = await Promise.all([getCart(), getCustomer(), listRegions()])
  if (!cart || !cart.items?.length) redirect("/cart")
  const countries = regions.find((r) => r.id === cart.region_id)?.countries ?? []
  // The cart's address, else the one a returning customer used last time.
  const saved = customer?.addresses?.[0] ?? {}
  const address = { ...saved, ...Object.fromEntries(Object.entries(cart.billing_address ?? {}).filter(([, v]) => v)) } as Record<
    string,
    string | null
  >
  return (
    <>
      <h1>Checkout</h1>
      {params.error === "payment" ? (
        <div className="panel warn" role="alert">
          <strong>Your payment did not go through.</strong> {params.message ?? ""} Nothing was charged; please try again.
        </div>
      ) : null}
      {params.error === "missing" ? (
        <div className="panel warn" role="alert">
          Please fill in: {(params.fields ?? "").split(",").join(", ")}.
        </div>
      ) : null}
      <div className="spread" style={{ alignItems: "flex-start" }}>
        <form action={checkout} className="stack" aria-label="Checkout">
          <label>
            Email
            <input name="email" type="email" required defaultValue={cart.email ?? customer?.email ?? ""} autoComplete="email" />
          </label>
          <div className="row">
            <label style={{ flex: 1 }}>
              First name
              <input name="first_name" required defaultValue={address.first_name ?? customer?.first_name ?? ""} autoComplete="given-name" />
            </label>
            <label style={{ flex: 1 }}>
              Last name
              <input name="last_name" required defaultValue={address.last_name ?? customer?.last_name ?? ""} autoComplete="family-name" />
            </label>
          </div>
          <label>
            Address
            <input name="address_1" required defaultValue={address.address_1 ?? ""} autoComplete="address-line1" />
          </label>
          <div className="row">
            <label style={{ flex: 1 }}>
              City
              <input name="city" required defaultValue={address.city ?? ""} autoComplete="address-level2" />
            </label>
            <label style={{ flex: 1 }}>
              Postal code
              <input name="postal_code" required defaultValue={address.postal_code ?? ""} autoComplete="postal-code" />
            </label>
          </div>
          <label>
            Country
            <select name="country_code" required defaultValue={address.country_code ?? countries[0]?.iso_2 ?? ""}>
              {countries.map((c) => (
                <option key={c.iso_2} value={c.iso_2}>
                  {c.display_name}
                </option>
              ))}
            </select>
          </label>
          {!countries.length ? (
            <p className="error">This region has no countries set up; choose another region at the bottom of the page.</p>
          ) : null}
          <p className="muted">Payment: {STRIPE_PUBLISHABLE_KEY ? "card, on the next step" : "demo payment (no card needed)"}.</p>
          <button className="btn" type="submit" disabled={!countries.length}>
            {STRIPE_PUBLISHABLE_KEY ? "Continue to payment" : `Pay ${formatMoney(cart.total, cart.currency_code)}`}
          </button>
        </form>
        <aside className="panel" style={{ minWidth: 260 }}>
          <h2 style={{ marginTop: 0 }}>Order summary</h2>
          {cart.items.map((i) => (
            <p key={i.id} className="spread">
              <span>
                {i.product_title} · {i.variant_title}
              </span>
              <span>{formatMoney(i.total, cart.currency_code)}</span>
            </p>
          ))}
          <PromoCode cart={cart} back="/checkout" error={params.promo_error} applied={params.promo_applied} />
          <p className="spread">
            <strong>Total</strong>
            <strong>{formatMoney(cart.total, cart.currency_code)}</strong>
          </p>
          <Link href="/cart">Edit cart</Link>
        </aside>
      </div>
    </>
  )
}
