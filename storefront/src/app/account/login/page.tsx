import Link from "@/components/link"
import { safeRedirectPath } from "@/lib/safe-redirect"
import { login } from "../../actions"

export const metadata = { title: "Log in" }

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await searchParams
  const next = safeRedirectPath(p.next, "/learn")
  return (
    <>
      <h1>Log in</h1>
      {p.error === "credentials" ? <p className="error" role="alert">Wrong email or password.</p> : null}
      {p.exists ? (
        <p className="panel" role="status">
          You already have an account with this email (perhaps from another school on this platform). Log in with it.
        </p>
      ) : null}
      {p.expired ? <p className="panel warn" role="status">Your session expired. Please log in again.</p> : null}
      {p.reason === "learn" ? <p className="panel" role="status">Log in to see your courses.</p> : null}
      {p.reset ? <p className="panel" role="status">Your password was changed. Log in with the new one.</p> : null}
      <form action={login} className="stack">
        <input type="hidden" name="next" value={next} />
        <label>
          Email
          <input name="email" type="email" required autoComplete="email" defaultValue={p.email ?? ""} />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <button className="btn" type="submit">
          Log in
        </button>
      </form>
      <p>
        New here? <Link href={`/account/register?${p.email ? `email=${encodeURIComponent(p.email)}&` : ""}next=${encodeURIComponent(next)}`}>Create an account</Link> ·{" "}
        <Link href="/account/reset-password">Forgot your password?</Link>
      </p>
    </>
  )
}
