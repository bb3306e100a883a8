import Link from "@/components/link"
import { continueWithEmail } from "@/app/checkout/account-actions"

/**
 * Checkout, logged out: courses live in an account, so the buyer signs in or creates one
 * first (the email typed here is carried over). A guest checkout stays possible; its
 * confirmation then asks for an account with the same email to keep the course.
 */
export function CheckoutAccountStep({ email, error }: { email: string; error?: string }) {
  return (
    <section className="panel stack" aria-label="Your account">
      <h2 style={{ margin: 0 }}>Your courses live in your account</h2>
      <p className="muted" style={{ margin: 0 }}>
        Enter your email: we will ask you to log in, or to create an account, then bring you back here to pay.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <form action={continueWithEmail} className="stack">
        <label>
          Email
          <input name="email" type="email" required defaultValue={email} autoComplete="email" />
        </label>
        <button className="btn" type="submit">
          Continue
        </button>
      </form>
      <p className="muted" style={{ margin: 0 }}>
        <Link href="/checkout?guest=1">Check out as a guest</Link> (you will create an account with the same email after paying to keep your course).
      </p>
    </section>
  )
}
