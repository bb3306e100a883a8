import Link from "next/link"
import type { Course, OutlineLesson } from "@/lib/courses"

/** A padlock drawn inline: emoji fonts are not on every device. */
const Lock = () => (
  <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden focusable="false" style={{ verticalAlign: "-2px" }}>
    <path fill="currentColor" d="M17 9h-1V7a4 4 0 1 0-8 0v2H7a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2Zm-7-2a2 2 0 1 1 4 0v2h-4V7Z" />
  </svg>
)

/** Why a locked lesson is closed, beyond its tier badge. */
const lockText = (l: OutlineLesson) =>
  l.lock_reason === "drip"
    ? `Opens ${l.available_at ? new Date(l.available_at).toLocaleDateString() : "later"}`
    : l.lock_reason === "auth" && l.required_tier <= 1
      ? "Log in"
      : null

/** The curriculum: modules > sections > lessons, with locks, tier badges and ticks. */
export function Outline({ course, current }: { course: Course; current?: string }) {
  return (
    <nav aria-label="Course outline" className="outline">
      {course.modules.map((m) => (
        <section key={m.id} style={{ marginBottom: 16 }}>
          <h3 style={{ margin: "8px 0" }}>
            {m.title} {m.required_tier && m.required_tier > 1 ? <span className="badge">Tier {m.required_tier}+</span> : null}
          </h3>
          {m.sections.map((s) => (
            <div key={s.id}>
              <h4 style={{ margin: "6px 0" }} className="muted">
                {s.title}
              </h4>
              <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {s.lessons.map((l) => (
                  <li key={l.id} className="spread" style={{ padding: "6px 0", borderBottom: "1px solid var(--line)" }} data-lesson={l.id}>
                    <span className="row" style={{ gap: 8 }}>
                      <span aria-hidden style={{ width: 16, display: "inline-block" }}>{l.completed ? "✓" : l.locked ? <Lock /> : "▶"}</span>
                      {l.locked ? (
                        <span aria-current={current === l.id ? "page" : undefined}>{l.title}</span>
                      ) : (
                        <Link
                          href={`/courses/${course.handle}/lessons/${l.id}`}
                          aria-current={current === l.id ? "page" : undefined}
                          style={current === l.id ? { fontWeight: 700 } : undefined}
                        >
                          {l.title}
                        </Link>
                      )}
                      {l.completed ? <span className="sr-only">completed</span> : null}
                      {l.locked ? <span className="sr-only">locked</span> : null}
                    </span>
                    <span className="row" style={{ gap: 6 }}>
                      {l.is_preview ? <span className="badge brand">Free preview</span> : null}
                      {l.required_tier > 1 ? <span className="badge">Tier {l.required_tier}</span> : null}
                      {l.locked && lockText(l) ? <span className="badge">{lockText(l)}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </nav>
  )
}

export function ProgressBar({ percent }: { percent: number }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <div>
      <div className="progress" role="progressbar" aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label="Course progress">
        <span style={{ width: `${value}%` }} />
      </div>
      <small className="muted">{value}% complete</small>
    </div>
  )
}
