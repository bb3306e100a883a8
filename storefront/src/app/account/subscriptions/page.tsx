import { redirect } from "next/navigation"
import { SubmitButton } from "@/components/submit-button"
import { getCustomer } from "@/lib/data"
import { store, StoreError } from "@/lib/medusa"
import { StripeCardForm } from "@/components/stripe-card-form"
import { STRIPE_PROVIDER, STRIPE_PUBLISHABLE_KEY } from "@/lib/config"
import { cancelSubscription, confirmSwitch, previewSwitch, resumeSubscription, saveSubscriptionCard, chooseManualPayment } from "./actions"

export const metadata = { title: "Subscriptions" }

type SwitchOption = { variant_id: string; title: string | null; tier: number; amount: number | null }
type Subscription = {
  id: string
  product_title: string | null
  status: "trialing" | "active" | "past_due" | "canceled" | "completed"
  interval: string
  interval_count: number
  currency_code: string
  trial_ends_at: string | null
  current_period_end: string
  next_charge_at: string | null
  next_charge_amount: number | null
  cancel_at_period_end: boolean
  pending_variant_id: string | null
  payment_provider_id: string
  /** Renewals have a saved method to charge (Stripe: a card). */
  payment_method_saved: boolean
  switch_options: SwitchOption[]
}
type Quote = { kind: "upgrade" | "downgrade" | "keep"; applies: "now" | "period_end"; amount: number; currency_code: string; period_end: string; to: { variant_id: string; amount: number } }

const money = (amount: number | null, currency: string) =>
  amount === null ? "—" : new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(amount)
const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }) : "—")
const every = (s: Subscription) => (s.interval_count === 1 ? `a ${s.interval}` : `every ${s.interval_count} ${s.interval}s`)
const STATUS: Record<Subscription["status"], string> = {
  trialing: "Free trial",
  active: "Active",
  past_due: "Payment failed",
  canceled: "Ended",
  completed: "Paid in full",
}

/** The customer's plans on this school: status, next charge, cancel or resume, switch plan (quote, then confirm), payment method. */
export default async function SubscriptionsPage({ searchParams }: { searchParams: Promise<{ error?: string; done?: string; switch?: string; to?: string }> }) {
  const customer = await getCustomer()
  if (!customer) redirect("/account/login?next=/account/subscriptions")
  const params = await searchParams
  const { subscriptions } = await store<{ subscriptions: Subscription[] }>("/store/customers/me/subscriptions")
  let quote: Quote | null = null
  let quoteError: string | null = null
  if (params.switch && params.to) {
    try {
      quote = (await store<{ quote: Quote }>(`/store/customers/me/subscriptions/${encodeURIComponent(params.switch)}/switch`, { query: { variant_id: params.to } })).quote
    } catch (error) {
      if (!(error instanceof StoreError)) throw error
      quoteError = error.message
    }
  }
  return (
    <>
      <h1>Subscriptions</h1>
      {params.error || quoteError ? (
        <p className="panel error" role="alert">
          {params.error ?? quoteError}
        </p>
      ) : null}
      {params.done ? (
        <p className="panel" role="status" data-testid="subscription-done">
          {params.done}
        </p>
      ) : null}
      {subscriptions.length === 0 ? <p className="panel muted">You have no subscriptions on this school.</p> : null}
      {subscriptions.map((s) => {
        const live = ["trialing", "active", "past_due"].includes(s.status)
        const pending = s.switch_options.find((o) => o.variant_id === s.pending_variant_id)
        return (
          <section key={s.id} className="panel" data-testid="subscription" data-subscription-id={s.id}>
            <h2>{s.product_title ?? "Subscription"}</h2>
            <p>
              <strong data-testid="subscription-status">{STATUS[s.status]}</strong>
              {s.status === "trialing" ? <> — trial ends {day(s.trial_ends_at)}</> : null}
            </p>
            {s.cancel_at_period_end ? (
              <p data-testid="subscription-ends">Ends on {day(s.current_period_end)}; you keep access until then and will not be charged again.</p>
            ) : s.next_charge_at ? (
              <p data-testid="subscription-next-charge">
                Next charge: <strong>{money(s.next_charge_amount, s.currency_code)}</strong> on <strong>{day(s.next_charge_at)}</strong> ({every(s)})
              </p>
            ) : null}
            {pending ? <p className="muted">Switches to {pending.title ?? "the new plan"} at the next charge.</p> : null}
            {s.status === "past_due" ? <p className="error">The last charge failed. Update your payment method below to retry now.</p> : null}
            {live ? (
              <div className="row">
                {s.cancel_at_period_end ? (
                  <form action={resumeSubscription}>
                    <input type="hidden" name="subscription_id" value={s.id} />
                    <button className="btn" type="submit">Resume</button>
                  </form>
                ) : (
                  <form action={cancelSubscription}>
                    <input type="hidden" name="subscription_id" value={s.id} />
                    <button className="btn secondary" type="submit">Cancel at period end</button>
                  </form>
                )}
              </div>
            ) : null}
            {live && !s.cancel_at_period_end && s.status !== "past_due" && s.switch_options.length ? (
              <form action={previewSwitch} aria-label="Switch plan">
                <input type="hidden" name="subscription_id" value={s.id} />
                <label>
                  Switch plan{" "}
                  <select name="variant_id" defaultValue={params.switch === s.id ? params.to : ""} required>
                    <option value="">Choose…</option>
                    {s.switch_options.map((o) => (
                      <option key={o.variant_id} value={o.variant_id}>
                        {o.title ?? `Tier ${o.tier}`} — {money(o.amount, s.currency_code)} {every(s)}
                      </option>
                    ))}
                  </select>
                </label>{" "}
                <button className="btn secondary" type="submit">See the price</button>
              </form>
            ) : null}
            {quote && params.switch === s.id ? (
              <form action={confirmSwitch} className="panel" aria-label="Confirm the switch" data-testid="switch-quote">
                <input type="hidden" name="subscription_id" value={s.id} />
                <input type="hidden" name="variant_id" value={quote.to.variant_id} />
                <p>
                  {quote.applies === "now"
                    ? quote.amount > 0
                      ? `You pay ${money(quote.amount, quote.currency_code)} now for the rest of this period; then ${money(quote.to.amount, quote.currency_code)} ${every(s)}.`
                      : "The new plan starts now at no extra charge."
                    : `The new plan starts at the next charge on ${day(quote.period_end)}: ${money(quote.to.amount, quote.currency_code)} ${every(s)}. Nothing is charged now.`}
                </p>
                <SubmitButton label="Confirm switch" pendingLabel="Switching…" />
              </form>
            ) : null}
            {live ? (
              <details open={s.status === "past_due"} data-testid="payment-method">
                <summary>Payment method</summary>
                {STRIPE_PUBLISHABLE_KEY ? (
                  <>
                    <p className="muted">
                      {s.payment_provider_id === STRIPE_PROVIDER && s.payment_method_saved
                        ? "Renewals are charged to the card saved for this plan. Enter a new card to replace it."
                        : "No card is saved for this plan yet: add one, or the next charge will fail."}
                    </p>
                    <StripeCardForm
                      publishableKey={STRIPE_PUBLISHABLE_KEY}
                      currency={s.currency_code}
                      save={saveSubscriptionCard.bind(null, s.id)}
                      submitLabel={s.status === "past_due" ? "Save card and pay now" : "Save card"}
                    />
                  </>
                ) : (
                  <form action={chooseManualPayment} aria-label="Payment method">
                    <input type="hidden" name="subscription_id" value={s.id} />
                    <p className="muted">This store takes no cards yet: renewals use its manual payment.</p>
                    <button className="btn secondary" type="submit">
                      {s.status === "past_due" ? "Retry with manual payment" : "Use manual payment"}
                    </button>
                  </form>
                )}
              </details>
            ) : null}
          </section>
        )
      })}
    </>
  )
}
