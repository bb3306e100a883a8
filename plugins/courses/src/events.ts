/** Events emitted by @volmify/courses. Payloads carry ids only. */
export const CourseEvents = {
  COURSE_CREATED: "course.created",
  COURSE_UPDATED: "course.updated",
  COURSE_DELETED: "course.deleted",
  COURSE_PUBLISHED: "course.published",
  COURSE_UNPUBLISHED: "course.unpublished",
  OUTLINE_UPDATED: "course.outline_updated",
  LESSON_CREATED: "lesson.created",
  LESSON_UPDATED: "lesson.updated",
  LESSON_DELETED: "lesson.deleted",
  ENROLLMENT_CREATED: "course.enrollment.created",
  ENROLLMENT_COMPLETED: "course.enrollment.completed",
  PROGRESS_RECORDED: "course.lesson_progress.recorded",
} as const

/** Events of other plugins this one listens to. */
export const ENTITLEMENT_GRANTED = "entitlement.granted"
