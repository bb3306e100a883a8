import Link from "@/components/link"
import { safeRedirectPath } from "@/lib/safe-redirect"
import { register } from "../../actions"

export const metadata = { title: "Create an account" }

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await searchParams
  const next = safeRedirectPath(p.next, "/learn")
  return (
    <>
      <h1>Create an account</h1>
      {p.error === "password" ? <p className="error" role="alert">Use a password of at least 8 characters.</p> : null}
      <form action={register} className="stack">
        <input type="hidden" name="next" value={next} />
        <div className="row">
          <label style={{ flex: 1 }}>
            First name
            <input name="first_name" required autoComplete="given-name" />
          </label>
          <label style={{ flex: 1 }}>
            Last name
            <input name="last_name" required autoComplete="family-name" />
          </label>
        </div>
        <label>
          Email
          <input name="email" type="email" required autoComplete="email" defaultValue={p.email ?? ""} />
        </label>
        <label>
          Password
          <input name="password" type="password" required minLength={8} autoComplete="new-password" />
        </label>
        <button className="btn" type="submit">
          Create account
        </button>
      </form>
      <p>
        Already have an account? <Link href={`/account/login?${p.email ? `email=${encodeURIComponent(p.email)}&` : ""}next=${encodeURIComponent(next)}`}>Log in</Link>
      </p>
    </>
  )
}
