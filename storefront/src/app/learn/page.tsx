import Link from "@/components/link"
import { cookies } from "next/headers"
import { redirect } from "next/navigation"
import { ProgressBar } from "@/components/outline"
import { continueLesson, getCourse, listEnrollments, tierName } from "@/lib/courses"
import { COOKIE } from "@/lib/config"
import { getCustomer } from "@/lib/data"
import { listCertificates } from "@/lib/assessments"

export const metadata = { title: "My learning" }

export default async function LearnPage() {
  const customer = await getCustomer()
  if (!customer) {
    // "Your session expired" only to someone who had one; a visitor who never logged in is asked to.
    const hadSession = !!(await cookies()).get(COOKIE.token)?.value
    redirect(hadSession ? "/account/login?next=/learn&expired=1" : "/account/login?next=/learn&reason=learn")
  }
  const [enrollments, certificates] = await Promise.all([listEnrollments(), listCertificates().catch(() => [])])
  const cards = await Promise.all(
    enrollments.map(async (e) => {
      const course = await getCourse(e.course.handle)
      return { enrollment: e, next: course ? continueLesson(course) : null, tier: e.tier ? tierName(course?.tiers, e.tier) : null }
    })
  )
  // "Welcome back" to someone who has been here: a lesson done or a certificate; a new account is welcomed.
  const returning = certificates.length > 0 || enrollments.some((e) => (e.progress_percent ?? 0) > 0)
  const name = customer.first_name ? `, ${customer.first_name}` : ""
  return (
    <>
      <h1>My learning</h1>
      <p className="muted">{returning ? `Welcome back${name}.` : `Welcome${name}.`}</p>
      {cards.length ? (
        <div className="grid">
          {cards.map(({ enrollment: e, next, tier }) => {
            const done = e.status === "completed" || (e.progress_percent ?? 0) >= 100
            return (
              <article className="card" key={e.id} data-course={e.course.handle}>
                <h3>{e.course.title}</h3>
                <p className="row">
                  {tier ? <span className="badge">{tier}</span> : null}
                  {done ? <span className="badge brand">Completed ✓</span> : null}
                </p>
                <ProgressBar percent={e.progress_percent ?? 0} />
                <div className="row">
                  {!done && next ? (
                    <Link className="btn" href={`/courses/${e.course.handle}/lessons/${next.id}`}>
                      {(e.progress_percent ?? 0) > 0 ? "Continue where you left off" : "Start"}
                    </Link>
                  ) : null}
                  <Link className="btn secondary" href={`/courses/${e.course.handle}`}>
                    {done ? "Review the course" : "Course page"}
                  </Link>
                </div>
              </article>
            )
          })}
        </div>
      ) : null}
      <p className="muted" style={{ marginTop: 24 }}>
        Bought a course here as a guest? <Link href="/account/claim">Add it to this account</Link>.
      </p>
      {certificates.length ? (
        <section aria-label="Certificates" style={{ marginTop: 32 }}>
          <h2>Certificates</h2>
          <ul>
            {certificates.map((c) => (
              <li key={c.id} data-certificate={c.code}>
                <strong>{c.course_title}</strong> — issued{" "}
                {new Date(c.issued_at).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}{" "}
                <a className="btn secondary" href={`/certificates/${c.id}/pdf`} download>
                  Download certificate (PDF)
                </a>{" "}
                <a href={`/certificates/verify/${c.code}`}>Verification page</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {cards.length ? null : (
        <div className="panel">
          You are not enrolled in a course yet. <Link href="/courses">Find one to start</Link>.
        </div>
      )}
    </>
  )
}
