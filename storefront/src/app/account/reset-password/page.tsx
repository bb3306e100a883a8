import { requestPasswordReset, resetPassword } from "../../actions"

export const metadata = { title: "Reset password" }

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await searchParams
  if (p.token) {
    return (
      <>
        <h1>Choose a new password</h1>
        {p.error === "password" ? <p className="error" role="alert">Use a password of at least 8 characters.</p> : null}
        <form action={resetPassword} className="stack">
          <input type="hidden" name="token" value={p.token} />
          <label>
            Email
            <input name="email" type="email" required autoComplete="email" defaultValue={p.email ?? ""} />
          </label>
          <label>
            New password
            <input name="password" type="password" required minLength={8} autoComplete="new-password" />
          </label>
          <button className="btn" type="submit">
            Save password
          </button>
        </form>
      </>
    )
  }
  return (
    <>
      <h1>Reset your password</h1>
      {p.sent ? <p className="panel" role="status">If an account exists for that email, a reset link is on its way.</p> : null}
      {p.error === "expired" ? <p className="error" role="alert">That reset link expired. Ask for a new one.</p> : null}
      <form action={requestPasswordReset} className="stack">
        <label>
          Email
          <input name="email" type="email" required autoComplete="email" />
        </label>
        <button className="btn" type="submit">
          Send reset link
        </button>
      </form>
    </>
  )
}
