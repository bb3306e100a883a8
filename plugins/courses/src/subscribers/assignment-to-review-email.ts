import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import type { OrgModuleService } from "@volmify/orgs/modules/org"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { sendEmail } from "../utils/org-email"

/**
 * A student submitted an assignment: every active staff member of the course's org (any
 * role may review, see api/middlewares.ts; an inactive one has no admin access) is told once, with a link to the admin's review queue.
 * Staff of other orgs are never told.
 */
export default async function assignmentToReviewEmail({ event, container }: SubscriberArgs<{ id: string }>) {
  const courses = container.resolve<CourseModuleService>(COURSE_MODULE)
  const [submission] = await courses.listAssignmentSubmissions(
    { id: event.data?.id },
    { select: ["id", "org_id", "course_id", "customer_id", "lesson_id", "status"] }
  )
  if (!submission || submission.status !== "submitted") return
  const [[course], [lesson], [customer], staff] = await Promise.all([
    courses.listCourses({ id: submission.course_id }, { select: ["id", "title"] }),
    courses.listLessons({ id: submission.lesson_id }, { select: ["id", "title"] }),
    container.resolve(Modules.CUSTOMER).listCustomers({ id: submission.customer_id }, { select: ["id", "email", "first_name", "last_name"] }),
    container.resolve<OrgModuleService>("org").listOrgEmployees({ org_id: submission.org_id, status: "active" }, { select: ["user_id"] }),
  ])
  if (!course || !staff.length) return
  const users = await container.resolve(Modules.USER).listUsers({ id: staff.map((s) => s.user_id) }, { select: ["id", "email"] })
  const name = [customer?.first_name, customer?.last_name].filter(Boolean).join(" ")
  const student = name ? `${name} (${customer?.email})` : customer?.email ?? "A student"
  for (const user of users) {
    if (!user.email) continue
    await sendEmail(container, {
      org_id: submission.org_id,
      to: user.email,
      template: "assignment-to-review",
      receiver_id: user.id,
      resource: { type: "assignment_submission", id: submission.id },
      idempotency_key: `assignment-to-review:${submission.id}:${user.id}`,
      data: (brand) => ({ student, course_title: course.title, lesson_title: lesson?.title ?? "Assignment", url: `${brand.admin_url}/assignments` }),
    })
  }
}

export const config: SubscriberConfig = { event: AssessmentEvents.ASSIGNMENT_SUBMITTED }
