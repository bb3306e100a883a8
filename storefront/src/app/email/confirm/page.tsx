import Link from "@/components/link"
import { confirmSubscription } from "./actions"

export const metadata = { title: "Confirm your subscription" }
export const dynamic = "force-dynamic"

/**
 * The link of the double opt-in email (`/email/confirm?token=`). Opening it changes nothing
 * (mail scanners open links): the visitor confirms with the button, whose server action posts
 * the token to POST /store/marketing-opt-ins/confirm and comes back with the outcome.
 */
export default async function ConfirmSubscriptionPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; done?: string; error?: string }>
}) {
  const { token, done, error } = await searchParams
  if (done) {
    return (
      <>
        <h1>You&apos;re subscribed</h1>
        <p className="panel" role="status" data-testid="optin-confirmed">
          {done}
        </p>
        <Link className="btn" href="/courses">
          Browse courses
        </Link>
      </>
    )
  }
  return (
    <>
      <h1>Confirm your subscription</h1>
      {error ? (
        <p className="panel error" role="alert" data-testid="optin-error">
          {error}
        </p>
      ) : null}
      {token ? (
        <form action={confirmSubscription} className="panel" aria-label="Confirm subscription">
          <input type="hidden" name="token" value={token} />
          <p>Confirm that you want this school&apos;s emails. You can unsubscribe from any of them with one click.</p>
          <button className="btn" type="submit" data-testid="optin-confirm">
            Confirm my subscription
          </button>
        </form>
      ) : (
        !error && <p className="panel error">This page needs the link from your confirmation email.</p>
      )}
    </>
  )
}
