import type { MedusaContainer } from "@medusajs/framework/types"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { sendEmail } from "../utils/org-email"

async function customerOf(container: MedusaContainer, id: string) {
  const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ id }, { select: ["id", "email", "first_name"] })
  return customer as { id: string; email: string | null; first_name: string | null } | undefined
}

/**
 * Certificates and reviewed assignments reach the student by email, once each, in the
 * org's brand: the certificate with links to My learning (PDF) and its public
 * verification page; a review with its outcome, the reviewer's feedback and the lesson.
 */
export default async function assessmentEmails({ event, container }: SubscriberArgs<{ id: string }>) {
  const courses = container.resolve<CourseModuleService>(COURSE_MODULE)
  if (event.name === AssessmentEvents.CERTIFICATE_ISSUED) {
    const [cert] = await courses.listCertificates({ id: event.data.id }, { select: ["id", "code", "customer_id", "org_id", "course_title"] })
    const customer = cert && (await customerOf(container, cert.customer_id))
    if (!cert || !customer?.email) return
    await sendEmail(container, {
      org_id: cert.org_id,
      to: customer.email,
      template: "certificate-issued",
      receiver_id: customer.id,
      resource: { type: "certificate", id: cert.id },
      idempotency_key: `certificate-issued:${cert.id}`,
      data: (brand) => ({
        first_name: customer.first_name,
        course_title: cert.course_title,
        code: cert.code,
        learn_url: `${brand.storefront_url}/learn`,
        verify_url: `${brand.storefront_url}/certificates/verify/${encodeURIComponent(cert.code)}`,
      }),
    })
    return
  }
  const [submission] = await courses.listAssignmentSubmissions(
    { id: event.data.id },
    { select: ["id", "org_id", "course_id", "customer_id", "placement_id", "lesson_id", "status", "feedback", "reviewed_at"] }
  )
  if (!submission || submission.status === "submitted") return
  const customer = await customerOf(container, submission.customer_id)
  if (!customer?.email) return
  const [[course], [lesson]] = await Promise.all([
    courses.listCourses({ id: submission.course_id }, { select: ["id", "title", "handle"] }),
    courses.listLessons({ id: submission.lesson_id }, { select: ["id", "title"] }),
  ])
  if (!course) return
  await sendEmail(container, {
    org_id: submission.org_id,
    to: customer.email,
    template: "assignment-reviewed",
    receiver_id: customer.id,
    resource: { type: "assignment_submission", id: submission.id },
    // One email per review (a re-review after a resubmission is a new one).
    idempotency_key: `assignment-reviewed:${submission.id}:${new Date(submission.reviewed_at ?? 0).getTime()}`,
    data: (brand) => ({
      first_name: customer.first_name,
      course_title: course.title,
      lesson_title: lesson?.title ?? "Assignment",
      passed: submission.status === "passed",
      feedback: submission.feedback,
      url: `${brand.storefront_url}/courses/${encodeURIComponent(course.handle)}/lessons/${encodeURIComponent(submission.placement_id)}`,
    }),
  })
}

export const config: SubscriberConfig = {
  event: [AssessmentEvents.CERTIFICATE_ISSUED, AssessmentEvents.ASSIGNMENT_REVIEWED],
}
