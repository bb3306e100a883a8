import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CourseEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { issueCertificateWorkflow } from "../workflows/issue-certificate"

/**
 * course.updated -> when the course has certificates on, issue the missing ones of
 * enrollments that completed before (each run is idempotent: one per enrollment).
 */
export default async function issueMissingCertificates({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!event.data?.id) return
  const service = container.resolve<CourseModuleService>(COURSE_MODULE)
  const [course] = await service.listCourses({ id: event.data.id }, { take: 1, select: ["id", "certificates_enabled"] })
  if (!course?.certificates_enabled) return
  const completed = await service.listEnrollments({ course_id: course.id, status: "completed" }, { select: ["id"] })
  if (!completed.length) return
  const have = new Set(
    (await service.listCertificates({ enrollment_id: completed.map((e) => e.id) }, { select: ["enrollment_id"] })).map((c) => c.enrollment_id)
  )
  for (const e of completed.filter((e) => !have.has(e.id))) {
    await issueCertificateWorkflow(container).run({ input: { enrollment_id: e.id } })
  }
}

export const config: SubscriberConfig = { event: CourseEvents.COURSE_UPDATED }
