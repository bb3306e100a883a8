import { redirect } from "next/navigation"
import { SubmitButton } from "@/components/submit-button"
import { getCustomer } from "@/lib/data"
import { emailClaimLink, addGuestPurchases } from "./actions"

export const metadata = { title: "Add guest purchases" }

/**
 * Courses bought as a guest with this account's email: ask for a one-time link by email
 * (proof of the address), then open it here, logged in, to add them to the account.
 */
export default async function ClaimPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await searchParams
  const customer = await getCustomer()
  const here = p.token ? `/account/claim?token=${encodeURIComponent(p.token)}` : "/account/claim"
  if (!customer) redirect(`/account/login?next=${encodeURIComponent(here)}`)
  return (
    <>
      <h1>Add courses you bought as a guest</h1>
      {p.error ? (
        <p className="error" role="alert">
          {p.error}
        </p>
      ) : null}
      {p.token ? (
        <form action={addGuestPurchases} className="stack panel">
          <input type="hidden" name="token" value={p.token} />
          <p style={{ margin: 0 }}>Add what <span className="email">{customer.email}</span> bought here as a guest to this account.</p>
          <SubmitButton label="Add them to my account" pendingLabel="Adding…" />
        </form>
      ) : (
        <form action={emailClaimLink} className="stack panel">
          {p.sent ? (
            <p role="status" className="email" style={{ margin: 0 }}>
              {p.sent}.
            </p>
          ) : (
            <p style={{ margin: 0 }}>
              We will email <span className="email">{customer.email}</span> a link: open it while logged in to add those courses to this account.
            </p>
          )}
          <SubmitButton label="Email me a link" pendingLabel="Sending…" />
        </form>
      )}
    </>
  )
}
