import type { Course, OutlineLesson, OutlineModule } from "./courses"
import { tierName } from "./tiers"

// The course outline as one HTML string (components/outline.tsx puts it in the page). Pure and
// apart from the component so that a unit spec pins what each row says.

/**
 * The lesson page's sidebar shows the whole outline up to this many lessons. A longer course
 * shows the current module in full and every other module as one line linking to that module
 * on the course page, where every lesson is listed. Why: a 500-lesson outline is ~4,800
 * elements whose style and layout, and whose HTML sent twice (the document and the RSC
 * payload), were the lesson page's remaining main-thread cost on a slow phone (bench P5,
 * issue 30). 50 rows stay well under Lighthouse's DOM-size warning.
 */
export const SIDEBAR_FULL_OUTLINE_MAX_LESSONS = 50

/**
 * The course page lists every lesson of a course up to this many. A longer course shows its
 * first modules in full up to this many lessons (at least the first module), the module of the
 * lesson a student continues with, and the module the visitor opened (`?module=3`); every other
 * module is one line with its lesson count linking to it opened, and "Show all N lessons"
 * (`?outline=all`) lists everything. Why: the 500-lesson outline was 3,250 elements and ~300 KB
 * of the course page's 407 KB document (sent twice: the HTML and the page payload); parsing,
 * styling and laying it out were the course page's longest main-thread tasks after the
 * framework's own script (bench P5, issue 30). Curricula on hosted course platforms fold the
 * same way.
 */
export const COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS = 60

/** What the course page's outline shows opened: `module` (1-based, `?module=`), `all` (`?outline=all`). */
export type OutlineView = { module?: number; all?: boolean; continueLessonId?: string }

export const esc = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

/** The anchor of a module on the course page (1-based: "m3" is the third module). */
export const moduleAnchor = (index: number) => `m${index + 1}`

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

const coursePath = (course: Course) => `/courses/${encodeURIComponent(course.handle)}`

/**
 * One lesson row of the outline as HTML (every value escaped), kept short: a long outline is
 * in the page twice (the HTML and the page payload), so each byte here counts many times over
 * (bench P5). The padlock is drawn by CSS (globals.css .oi.lk). Locked lessons are links too:
 * their page says why and offers the tier that opens them.
 */
function lessonHtml(course: Course, l: OutlineLesson, current?: string) {
  const here = current === l.id ? ' aria-current="page"' : ""
  const icon = l.completed
    ? '<span class="oi" role="img" aria-label="completed">✓</span>'
    : l.locked
      ? '<span class="oi lk" role="img" aria-label="locked"></span>'
      : '<span class="oi" aria-hidden="true">▶</span>'
  const title = `<a class="ot" href="${coursePath(course)}/lessons/${encodeURIComponent(l.id)}"${here}>${esc(l.title)}</a>`
  const badges = [
    l.is_preview ? '<span class="badge brand">Free preview</span>' : "",
    l.required_tier > 1 ? `<span class="badge">${esc(tierName(course.tiers, l.required_tier))}</span>` : "",
    l.locked ? `<span class="badge">${esc(lockText(course, l))}</span>` : "",
  ].join("")
  return `<li class="ol" data-lesson="${esc(l.id)}">${icon}${title}${badges ? `<span class="ob">${badges}</span>` : ""}</li>`
}

const moduleBadge = (course: Course, m: OutlineModule) =>
  m.required_tier && m.required_tier > 1 ? `<span class="badge">${esc(tierName(course.tiers, m.required_tier))}</span>` : ""

/** A module with its sections and every lesson row. */
function moduleHtml(course: Course, m: OutlineModule, index: number, current?: string) {
  return (
    `<section class="outline-module" id="${moduleAnchor(index)}"><h3>${esc(m.title)} ${moduleBadge(course, m)}</h3>` +
    m.sections
      .map((s) => `<div><h4 class="muted">${esc(s.title)}</h4><ul class="outline-lessons">${s.lessons.map((l) => lessonHtml(course, l, current)).join("")}</ul></div>`)
      .join("") +
    "</section>"
  )
}

/** The course page with module `index` (0-based) opened, scrolled to it. */
export const moduleHref = (course: Course, index: number) => `${coursePath(course)}?module=${index + 1}#${moduleAnchor(index)}`

/** The course page listing every lesson. */
export const allLessonsHref = (course: Course) => `${coursePath(course)}?outline=all#${moduleAnchor(0)}`

/**
 * A module folded to one line: its title links to it opened on the course page, with a lesson
 * count. On the course page itself (`anchored`) it keeps the module's anchor.
 */
function foldedModuleHtml(course: Course, m: OutlineModule, index: number, anchored = false) {
  const lessons = m.sections.flatMap((s) => s.lessons)
  const done = lessons.filter((l) => l.completed).length
  const count = `${lessons.length} ${lessons.length === 1 ? "lesson" : "lessons"}${done ? `, ${done} completed` : ""}`
  return (
    `<section class="outline-module folded"${anchored ? ` id="${moduleAnchor(index)}"` : ""} data-module="${esc(m.id)}"><h3><a href="${moduleHref(course, index)}">${esc(m.title)}</a> ` +
    `${moduleBadge(course, m)}</h3><small class="muted">${count}</small></section>`
  )
}

const lessonCount = (m: OutlineModule) => m.sections.reduce((k, s) => k + s.lessons.length, 0)
const hasLesson = (m: OutlineModule, id?: string) => id !== undefined && m.sections.some((s) => s.lessons.some((l) => l.id === id))

/** Which modules the course page shows opened (see COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS). */
function openOnCoursePage(course: Course, view: OutlineView): boolean[] {
  let budget = COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS
  return course.modules.map((m, i) => {
    const first = i === 0 || budget >= lessonCount(m)
    if (first && budget > 0) budget -= lessonCount(m)
    else budget = 0
    return first || view.module === i + 1 || hasLesson(m, view.continueLessonId)
  })
}

/**
 * The curriculum: modules > sections > lessons, with locks, tier badges and ticks.
 * - Without `current` (the course page): every lesson of a course up to
 *   COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS; of a longer one, the modules `view` opens
 *   (openOnCoursePage) in full and the rest folded, or everything with `view.all`.
 * - With `current` (the lesson page's sidebar): every lesson of a short course, and of a long
 *   one the current lesson's module in full and the other modules folded
 *   (SIDEBAR_FULL_OUTLINE_MAX_LESSONS).
 */
export function outlineHtml(course: Course, current?: string, view: OutlineView = {}) {
  const total = course.modules.reduce((n, m) => n + lessonCount(m), 0)
  const all = `<p class="outline-all"><a href="${allLessonsHref(course)}">Show all ${total} lessons</a></p>`
  if (current !== undefined) {
    if (total <= SIDEBAR_FULL_OUTLINE_MAX_LESSONS) return course.modules.map((m, i) => moduleHtml(course, m, i, current)).join("")
    return all + course.modules.map((m, i) => (hasLesson(m, current) ? moduleHtml(course, m, i, current) : foldedModuleHtml(course, m, i))).join("")
  }
  if (view.all || total <= COURSE_PAGE_FULL_OUTLINE_MAX_LESSONS) return course.modules.map((m, i) => moduleHtml(course, m, i)).join("")
  const open = openOnCoursePage(course, view)
  return all + course.modules.map((m, i) => (open[i] ? moduleHtml(course, m, i) : foldedModuleHtml(course, m, i, true))).join("")
}
