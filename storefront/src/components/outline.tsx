import type { Course, OutlineLesson } from "@/lib/courses"

/** A padlock drawn inline: emoji fonts are not on every device. */
const LOCK_SVG =
  '<svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false" style="vertical-align:-2px"><path fill="currentColor" d="M17 9h-1V7a4 4 0 1 0-8 0v2H7a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2Zm-7-2a2 2 0 1 1 4 0v2h-4V7Z"/></svg>'

const esc = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

/** Why a locked lesson is closed, beyond its tier badge. */
const lockText = (l: OutlineLesson) =>
  l.lock_reason === "drip"
    ? `Opens ${l.available_at ? new Date(l.available_at).toLocaleDateString() : "later"}`
    : l.lock_reason === "auth" && l.required_tier <= 1
      ? "Log in"
      : null

/** One lesson row of the outline as HTML (every value escaped). */
function lessonHtml(course: Course, l: OutlineLesson, current?: string) {
  const here = current === l.id ? ' aria-current="page"' : ""
  const icon = l.completed ? "✓" : l.locked ? LOCK_SVG : "▶"
  const title = l.locked
    ? `<span${here}>${esc(l.title)}</span>`
    : `<a href="/courses/${encodeURIComponent(course.handle)}/lessons/${encodeURIComponent(l.id)}"${here}${current === l.id ? ' style="font-weight:700"' : ""}>${esc(l.title)}</a>`
  const badges = [
    l.is_preview ? '<span class="badge brand">Free preview</span>' : "",
    l.required_tier > 1 ? `<span class="badge">Tier ${esc(l.required_tier)}</span>` : "",
    l.locked && lockText(l) ? `<span class="badge">${esc(lockText(l))}</span>` : "",
  ].join("")
  return (
    `<li class="spread outline-lesson" data-lesson="${esc(l.id)}"><span class="row" style="gap:8px">` +
    `<span aria-hidden="true" class="outline-icon">${icon}</span>${title}` +
    (l.completed ? '<span class="sr-only">completed</span>' : "") +
    (l.locked ? '<span class="sr-only">locked</span>' : "") +
    `</span><span class="row" style="gap:6px">${badges}</span></li>`
  )
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
        `<section class="outline-module"><h3>${esc(m.title)} ${m.required_tier && m.required_tier > 1 ? `<span class="badge">Tier ${esc(m.required_tier)}+</span>` : ""}</h3>` +
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
