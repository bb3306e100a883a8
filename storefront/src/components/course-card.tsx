import Link from "@/components/link"
import type { CourseSummary } from "@/lib/courses"

export function CourseCard({ course }: { course: CourseSummary }) {
  return (
    <article className="card">
      <h3>
        <Link href={`/courses/${course.handle}`}>{course.title}</Link>
      </h3>
      {course.subtitle ? <p className="muted">{course.subtitle}</p> : null}
      <p>{course.description?.slice(0, 140)}</p>
      {course.level ? (
        <p style={{ marginTop: "auto" }}>
          <span className="badge">{course.level}</span>
        </p>
      ) : null}
    </article>
  )
}
