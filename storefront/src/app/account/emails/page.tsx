import { redirect } from "next/navigation"
import { getCustomer } from "@/lib/data"
import { store } from "@/lib/medusa"
import { setMarketingEmails } from "./actions"

export const metadata = { title: "Email preferences" }

type Prefs = { email_preferences: { marketing: boolean; suppressed_reason: "unsubscribed" | "bounced" | null } }

/** The customer's email consent for this school: marketing on or off; account emails always arrive. */
export default async function EmailPreferencesPage({ searchParams }: { searchParams: Promise<{ error?: string; saved?: string }> }) {
  const customer = await getCustomer()
  if (!customer) redirect("/account/login?next=/account/emails")
  const { error, saved } = await searchParams
  const { email_preferences: prefs } = await store<Prefs>("/store/email-preferences")
  return (
    <>
      <h1>Email preferences</h1>
      {error ? (
        <p className="panel error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p className="panel" role="status" data-testid="emails-saved">
          Saved: marketing emails are {saved === "on" && prefs.marketing ? "on" : "off"}.
        </p>
      ) : null}
      <form action={setMarketingEmails} className="panel" aria-label="Marketing emails">
        <p>
          Emails go to <strong>{customer.email}</strong>. Receipts, password resets and access emails always arrive.
        </p>
        {prefs.suppressed_reason === "bounced" ? (
          <p className="muted" data-testid="emails-bounced">
            Mail to this address bounced, so the school sends it no marketing emails. Contact the school once the address works again.
          </p>
        ) : null}
        <label>
          <input type="checkbox" name="marketing" defaultChecked={prefs.marketing} disabled={prefs.suppressed_reason === "bounced"} data-testid="marketing-toggle" />{" "}
          Tips, course news and offers from this school
        </label>
        <button className="btn" type="submit" disabled={prefs.suppressed_reason === "bounced"}>
          Save
        </button>
      </form>
    </>
  )
}
