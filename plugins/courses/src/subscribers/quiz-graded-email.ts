import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { sendEmail } from "../utils/org-email"

/**
 * A submitted quiz attempt is graded on submission: the student gets the result by email,
 * once per attempt, in the org's brand, with a link back to the quiz's lesson.
 */
export default async function quizGradedEmail({ event, container }: SubscriberArgs<{ id: string }>) {
  const courses = container.resolve<CourseModuleService>(COURSE_MODULE)
  const [attempt] = await courses.listQuizAttempts(
    { id: event.data?.id },
    { select: ["id", "enrollment_id", "placement_id", "lesson_id", "status", "passed", "score_percent", "passing_score"] }
  )
  if (!attempt || attempt.status === "in_progress") return
  const [enrollment] = await courses.listEnrollments({ id: attempt.enrollment_id }, { select: ["id", "customer_id", "course_id", "org_id"] })
  if (!enrollment) return
  const [[course], [lesson], [customer]] = await Promise.all([
    courses.listCourses({ id: enrollment.course_id }, { select: ["id", "title", "handle"] }),
    courses.listLessons({ id: attempt.lesson_id }, { select: ["id", "title"] }),
    container.resolve(Modules.CUSTOMER).listCustomers({ id: enrollment.customer_id }, { select: ["id", "email", "first_name"] }),
  ])
  if (!course || !customer?.email) return
  await sendEmail(container, {
    org_id: enrollment.org_id,
    to: customer.email,
    template: "quiz-graded",
    receiver_id: customer.id,
    resource: { type: "quiz_attempt", id: attempt.id },
    idempotency_key: `quiz-graded:${attempt.id}`,
    data: (brand) => ({
      first_name: customer.first_name,
      course_title: course.title,
      lesson_title: lesson?.title ?? "Quiz",
      passed: !!attempt.passed,
      expired: attempt.status === "expired",
      score_percent: Number(attempt.score_percent ?? 0),
      passing_score: attempt.passing_score ?? null,
      url: `${brand.storefront_url}/courses/${encodeURIComponent(course.handle)}/lessons/${encodeURIComponent(attempt.placement_id)}`,
    }),
  })
}

export const config: SubscriberConfig = { event: AssessmentEvents.QUIZ_ATTEMPT_SUBMITTED }
