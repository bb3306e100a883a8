import Link from "@/components/link"
import type { CourseSummary } from "@/lib/courses"
import { formatMoney } from "@/lib/money"

/** A catalog card: image, title, subtitle, lowest price in the visitor's region. */
export function CourseCard({ course }: { course: CourseSummary }) {
  const price = course.from_price
  return (
    <article className="card course-card">
      {course.thumbnail ? (
        // eslint-disable-next-line @next/next/no-img-element -- merchant images from any host; no optimiser offline
        <img className="course-image" src={course.thumbnail} alt="" loading="lazy" />
      ) : null}
      <h3>
        <Link href={`/courses/${course.handle}`}>{course.title}</Link>
      </h3>
      {course.subtitle ? <p className="muted">{course.subtitle}</p> : null}
      <p>{course.description?.slice(0, 140)}</p>
      <p className="spread" style={{ marginTop: "auto" }}>
        {price ? (
          <strong className="course-price">
            {price.amount === 0 ? "Free" : `${price.more ? "From " : ""}${formatMoney(price.amount, price.currency_code)}`}
          </strong>
        ) : (
          <span />
        )}
        {course.level ? <span className="badge">{course.level}</span> : null}
      </p>
    </article>
  )
}
