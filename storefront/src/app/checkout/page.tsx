import Link from "@/components/link"
import { headers } from "next/headers"
import { redirect } from "next/navigation"
import { checkout } from "../actions"
import { BillingCountry } from "@/components/billing-fields"
import { CheckoutAccountStep } from "@/components/checkout-account-step"
import { SubmitButton } from "@/components/submit-button"
import { defaultCountry, isDigitalOnly, POSTCODE_TAX_COUNTRIES } from "@/lib/checkout-rules"
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { formatMoney, getCart, getCustomer, listRegions } from "@/lib/data"
import { PromoCode } from "@/components/promo-code"

export const metadata = { title: "Checkout" }

export default async function CheckoutPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = await searchParams
  const [cart, customer, regions] = await Promise.all([getCart(), getCustomer(), listRegions()])
  if (!cart || !cart.items?.length) redirect("/cart")
  const region = regions.find((r) => r.id === cart.region_id)
  const countries = region?.countries ?? []
  const digital = isDigitalOnly(cart.items)
  // The cart's address, else the one a returning customer used last time.
  const saved = customer?.addresses?.[0] ?? {}
  const address = { ...saved, ...Object.fromEntries(Object.entries(cart.billing_address ?? {}).filter(([, v]) => v)) } as Record<
    string,
    string | null
  >
  const country = defaultCountry(countries, {
    saved: address.country_code,
    acceptLanguage: (await headers()).get("accept-language"),
    currencyCode: cart.currency_code,
  })
  // Logged out: courses live in an account, so sign in or sign up first (guest stays possible).
  const askAccount = !customer && !params.guest
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
      {params.error === "email" ? (
        <div className="panel warn" role="alert">
          {params.message ?? "Please enter a valid email address."}
        </div>
      ) : null}
      <div className="checkout-layout">
        {askAccount ? (
          <CheckoutAccountStep email={cart.email ?? ""} />
        ) : (
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
          {digital ? null : (
            <>
              <label>
                Address
                <input name="address_1" required defaultValue={address.address_1 ?? ""} autoComplete="address-line1" />
              </label>
              <label>
                City
                <input name="city" required defaultValue={address.city ?? ""} autoComplete="address-level2" />
              </label>
            </>
          )}
          <BillingCountry
            countries={countries}
            defaultCountry={country}
            postcode={address.postal_code ?? ""}
            postcodeCountries={POSTCODE_TAX_COUNTRIES}
            alwaysPostcode={!digital}
          />
          {!countries.length ? (
            <p className="error">This region has no countries set up; choose another region at the bottom of the page.</p>
          ) : null}
          <p className="muted">Payment: {STRIPE_PUBLISHABLE_KEY ? "card, on the next step" : "demo payment (no card needed)"}.</p>
          <SubmitButton
            disabled={!countries.length}
            label={STRIPE_PUBLISHABLE_KEY ? "Continue to payment" : `Pay ${formatMoney(cart.total, cart.currency_code)}`}
            pendingLabel={STRIPE_PUBLISHABLE_KEY ? "Preparing payment…" : "Paying…"}
          />
        </form>
        )}
        <aside className="panel order-summary" aria-label="Order summary">
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
