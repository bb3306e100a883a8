import { headers } from "next/headers"
import { redirect } from "next/navigation"
import { applyAffiliate } from "@/app/actions"
import { formatMoney, getCustomer } from "@/lib/data"
import { store } from "@/lib/medusa"

export const metadata = { title: "Affiliate" }

type Earnings = { currency_code: string; pending: number; approved: number; paid: number; adjustments: number }
type Me = {
  program: { enabled: boolean; cookie_window_days: number; hold_days: number; approval: string }
  affiliate: null | { code: string; status: string }
  clicks: number
  orders: number
  earnings: Earnings[]
  commissions: { id: string; order_id: string; currency_code: string; amount: number; status: string; ordered_at: string }[]
}

/** The customer's affiliate dashboard: apply, their link and code, clicks, orders, earnings. */
export default async function AffiliatePage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const customer = await getCustomer()
  if (!customer) redirect("/account/login?next=/account/affiliate")
  const { error } = await searchParams
  const me = await store<Me>("/store/affiliates/me")
  const h = await headers()
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`
  return (
    <>
      <h1>Affiliate program</h1>
      {error ? (
        <p className="panel error" role="alert">
          {error}
        </p>
      ) : null}
      {!me.affiliate ? (
        me.program.enabled ? (
          <form action={applyAffiliate} className="panel" aria-label="Join the affiliate program">
            <p>
              Earn a commission on every order placed through your link within {me.program.cookie_window_days} days of a
              visit. Commissions are approved {me.program.hold_days} days after the order (the refund window).
            </p>
            <label>
              Your code (optional)
              {/* Browsers compile `pattern` with the `v` flag, where an unescaped "-" in a class is a
                  syntax error (Chrome then skips the check): it is escaped. */}
              <input
                name="code"
                pattern="[A-Za-z0-9_\-]{3,32}"
                title="3 to 32 letters, digits, _ or -"
                placeholder="e.g. JANE10"
              />
            </label>
            <button className="btn" type="submit">
              Join the program
            </button>
          </form>
        ) : (
          <p className="panel">This school has no affiliate program right now.</p>
        )
      ) : (
        <section aria-label="Your affiliate account">
          <p>
            Status: <span className="badge brand" data-testid="affiliate-status">{me.affiliate.status}</span>
          </p>
          {me.affiliate.status === "pending" ? <p className="muted">Your application is waiting for approval.</p> : null}
          <p>
            Your code: <strong data-testid="affiliate-code">{me.affiliate.code}</strong>
          </p>
          <p>
            Your link: <code data-testid="affiliate-link">{`${origin}/?ref=${me.affiliate.code}`}</code>
          </p>
          <p>
            Clicks: <strong data-testid="affiliate-clicks">{me.clicks}</strong> · Orders:{" "}
            <strong data-testid="affiliate-orders">{me.orders}</strong>
          </p>
          <h2>Earnings</h2>
          {me.earnings.length ? (
            <div className="table-scroll">
            <table className="table" data-testid="affiliate-earnings">
              <thead>
                <tr>
                  <th>Currency</th>
                  <th>Pending</th>
                  <th>Approved</th>
                  <th>Paid</th>
                  <th>Adjustments</th>
                </tr>
              </thead>
              <tbody>
                {me.earnings.map((e) => (
                  <tr key={e.currency_code} data-currency={e.currency_code}>
                    <td>{e.currency_code.toUpperCase()}</td>
                    <td data-kind="pending">{formatMoney(e.pending, e.currency_code)}</td>
                    <td data-kind="approved">{formatMoney(e.approved, e.currency_code)}</td>
                    <td data-kind="paid">{formatMoney(e.paid, e.currency_code)}</td>
                    <td data-kind="adjustments">{formatMoney(e.adjustments, e.currency_code)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          ) : (
            <p className="muted">No earnings yet: share your link.</p>
          )}
          {me.commissions.length ? (
            <>
              <h2>Recent commissions</h2>
              <ul>
                {me.commissions.map((c) => (
                  <li key={c.id}>
                    {new Date(c.ordered_at).toLocaleDateString("en")} · {formatMoney(c.amount, c.currency_code)} · {c.status}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      )}
    </>
  )
}
