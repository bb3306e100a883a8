import type { Course } from "@/lib/courses"
import { outlineHtml, type OutlineView } from "@/lib/outline-html"

/**
 * The curriculum (lib/outline-html.ts builds it). Rendered to one HTML string rather than a
 * React tree: a long course is thousands of elements that React would otherwise rebuild from
 * the page payload and hydrate on every load (bench P5: most of the main thread). The markup
 * is plain links and text, nothing interactive, so there is nothing to hydrate. Offscreen
 * modules skip layout and paint (content-visibility, globals.css .outline). A long course
 * folds: on the course page all but the modules `view` opens, on the lesson page (`current`)
 * all but the current module.
 */
export function Outline({ course, current, view }: { course: Course; current?: string; view?: OutlineView }) {
  return <nav aria-label="Course outline" className="outline" dangerouslySetInnerHTML={{ __html: outlineHtml(course, current, view) }} />
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
