import type { Course, OutlineLesson } from "./courses"

// Pure reads of a course, apart from courses.ts (server-only) so that page components of
// either router can use them.

/** Flattened outline in reading order. */
export const lessonsInOrder = (course: Course) =>
  course.modules.flatMap((m) => m.sections.flatMap((s) => s.lessons))

/** Where to continue: the first open lesson not completed, else the first open one. */
export function continueLesson(course: Course): OutlineLesson | null {
  const lessons = lessonsInOrder(course)
  return lessons.find((l) => !l.locked && !l.completed) ?? lessons.find((l) => !l.locked) ?? null
}
