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
/** A guest's entitlements moved to their account (@volmify/access guest claims). */
export const ENTITLEMENT_CLAIMED = "entitlement.claimed"

/** Assessment events (ids only). */
export const AssessmentEvents = {
  QUIZ_SAVED: "course.quiz.saved",
  QUIZ_ATTEMPT_STARTED: "course.quiz_attempt.started",
  QUIZ_ATTEMPT_SUBMITTED: "course.quiz_attempt.submitted",
  ASSIGNMENT_SUBMITTED: "course.assignment.submitted",
  ASSIGNMENT_REVIEWED: "course.assignment.reviewed",
  CERTIFICATE_ISSUED: "course.certificate.issued",
  CERTIFICATE_REVOKED: "course.certificate.revoked",
  DRIP_NOTICE_SENT: "course.drip_notice.sent",
} as const
