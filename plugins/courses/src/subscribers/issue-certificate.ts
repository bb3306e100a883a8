import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CourseEvents } from "../events"
import { issueCertificateWorkflow } from "../workflows/issue-certificate"

/** course.enrollment.completed -> issue the certificate (once; nothing when the course has none). */
export default async function issueCertificateOnCompletion({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!event.data?.id) return
  await issueCertificateWorkflow(container).run({ input: { enrollment_id: event.data.id } })
}

export const config: SubscriberConfig = { event: CourseEvents.ENROLLMENT_COMPLETED }
