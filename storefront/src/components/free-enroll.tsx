import Link from "@/components/link"
import type { Course } from "@/lib/courses"

/** The lowest tier with a variant priced exactly 0 in the visitor's region, or null. */
export function freeTier(course: Course): number | null {
  const free = course.tiers
    .filter((t) => t.variants.some((v) => v.calculated_price?.calculated_amount === 0))
    .map((t) => t.tier)
    .sort((a, b) => a - b)
  return free[0] ?? null
}

/**
 * Free courses: "Enroll for free" for a logged-in customer; a lead magnet asks anyone for
 * only an email; otherwise a login link. Nothing when the caller already has the free tier.
 */
export function FreeEnroll({
  course,
  loggedIn,
  params,
}: {
  course: Course
  loggedIn: boolean
  params: Record<string, string | undefined>
}) {
  const tier = freeTier(course)
  const messages = (
    <>
      {params.enroll_error ? (
        <p className="error" role="alert">
          {params.enroll_error}{" "}
          {params.login ? <Link href={`/account/login?next=/courses/${course.handle}`}>Log in</Link> : null}
        </p>
      ) : null}
      {params.opted_in ? (
        <p className="panel" role="status">
          <strong>You&apos;re in!</strong> The course is yours: create an account with the same email to start learning.
        </p>
      ) : null}
    </>
  )
  if (tier === null || course.access.tier >= tier) return messages
  if (loggedIn) {
    return (
      <form method="post" action="/form/enroll-free" className="stack">
        {messages}
        <input type="hidden" name="handle" value={course.handle} />
        <button className="btn" type="submit">
          Enroll for free
        </button>
      </form>
    )
  }
  if (course.lead_magnet && !params.opted_in) {
    return (
      <form method="post" action="/form/opt-in" className="stack" aria-label="Get this course free">
        {messages}
        <input type="hidden" name="handle" value={course.handle} />
        <label>
          Your email
          <input name="email" type="email" required autoComplete="email" maxLength={254} />
        </label>
        <button className="btn" type="submit">
          Get it free
        </button>
      </form>
    )
  }
  return (
    <div className="stack">
      {messages}
      <p>
        This course is free.{" "}
        <Link className="btn" href={`/account/login?next=/courses/${course.handle}`}>
          Log in to enroll for free
        </Link>
      </p>
    </div>
  )
}
