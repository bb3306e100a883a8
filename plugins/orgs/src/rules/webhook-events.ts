/**
 * Events a webhook endpoint may subscribe to: the real names the plugins and Medusa emit
 * (`course.lesson.completed` is `course.lesson_progress.recorded` with a completed status).
 * No Node imports: the admin page reads this list too.
 */
export const WEBHOOK_EVENTS = [
  "order.placed",
  "payment.refunded",
  "course.enrollment.created",
  "course.lesson.completed",
  "course.enrollment.completed",
  "course.certificate.issued",
  "affiliate.commissions.approved",
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]
