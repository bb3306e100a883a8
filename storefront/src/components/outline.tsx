import { type Course, type OutlineLesson, tierName } from "@/lib/courses"

const esc = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

/**
 * Why a locked lesson is closed, in words that are true for this visitor: logging in opens
 * nothing that was not bought, so a visitor without the course reads "Buy to unlock" (the
 * course page offers "Already bought it? Log in"), a student of a lower tier "Upgrade".
 */
const lockText = (course: Course, l: OutlineLesson) =>
  l.lock_reason === "drip"
    ? `Opens ${l.available_at ? new Date(l.available_at).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }) : "later"}`
    : course.access.tier > 0
      ? "Upgrade to unlock"
      : "Buy to unlock"

/**
 * One lesson row of the outline as HTML (every value escaped), kept short: a 500-lesson
 * outline is in the page twice (the HTML and the page payload), so each byte here counts
 * about a thousand times (bench P5). The padlock is drawn by CSS (globals.css .oi.lk).
 * Locked lessons are links too: their page says why and offers the tier that opens them.
 */
function lessonHtml(course: Course, l: OutlineLesson, current?: string) {
  const here = current === l.id ? ' aria-current="page"' : ""
  const icon = l.completed
    ? '<span class="oi" role="img" aria-label="completed">✓</span>'
    : l.locked
      ? '<span class="oi lk" role="img" aria-label="locked"></span>'
      : '<span class="oi" aria-hidden="true">▶</span>'
  const title = `<a class="ot" href="/courses/${encodeURIComponent(course.handle)}/lessons/${encodeURIComponent(l.id)}"${here}>${esc(l.title)}</a>`
  const badges = [
    l.is_preview ? '<span class="badge brand">Free preview</span>' : "",
    l.required_tier > 1 ? `<span class="badge">${esc(tierName(course.tiers, l.required_tier))}</span>` : "",
    l.locked ? `<span class="badge">${esc(lockText(course, l))}</span>` : "",
  ].join("")
  return `<li class="ol" data-lesson="${esc(l.id)}">${icon}${title}${badges ? `<span class="ob">${badges}</span>` : ""}</li>`
}

/**
 * The curriculum: modules > sections > lessons, with locks, tier badges and ticks.
 * Rendered to one HTML string rather than a React tree: a 500-lesson course is ~5,000
 * elements that React would otherwise rebuild from the page payload and hydrate on every
 * load (bench P5: most of the main thread). The markup is plain links and text, nothing
 * interactive, so there is nothing to hydrate. Offscreen modules skip layout and paint
 * (content-visibility, globals.css .outline).
 */
export function Outline({ course, current }: { course: Course; current?: string }) {
  const html = course.modules
    .map(
      (m) =>
        `<section class="outline-module"><h3>${esc(m.title)} ${m.required_tier && m.required_tier > 1 ? `<span class="badge">${esc(tierName(course.tiers, m.required_tier))}</span>` : ""}</h3>` +
        m.sections
          .map(
            (s) =>
              `<div><h4 class="muted">${esc(s.title)}</h4><ul class="outline-lessons">${s.lessons.map((l) => lessonHtml(course, l, current)).join("")}</ul></div>`
          )
          .join("") +
        "</section>"
    )
    .join("")
  return <nav aria-label="Course outline" className="outline" dangerouslySetInnerHTML={{ __html: html }} />
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
