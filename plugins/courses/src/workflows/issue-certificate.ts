import type { MedusaContainer } from "@medusajs/framework/types"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { newVerificationCode } from "../certificates/code"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import type { OrgModuleService } from "@volmify/orgs/modules/org"
import type { CustomerRow } from "../types/rows"
import { createCertificatesStep } from "./steps/records"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type IssueCertificateInput = { enrollment_id: string }

/**
 * The certificate to issue, or none: the enrollment must be completed, its course must
 * have certificates on, and it must not have one already. Names are frozen at issue.
 */
export const planCertificateStep = createStep("plan-certificate", async ({ enrollment_id }: IssueCertificateInput, { container }) => {
  const service = courses(container)
  const none = new StepResponse([] as Record<string, unknown>[])
  const [enrollment] = await service.listEnrollments(
    { id: enrollment_id },
    { take: 1, select: ["id", "customer_id", "course_id", "org_id", "status", "completed_at"] }
  )
  if (!enrollment || enrollment.status !== "completed") return none
  const [existing] = await service.listCertificates({ enrollment_id }, { take: 1, select: ["id"] })
  if (existing) return none
  const [course] = await service.listCourses({ id: enrollment.course_id }, { take: 1, select: ["id", "title", "certificates_enabled"] })
  if (!course?.certificates_enabled) return none
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: customers }, { data: orgs }] = await Promise.all([
    query.graph({ entity: "customer", fields: ["id", "first_name", "last_name", "email"], filters: { id: enrollment.customer_id } }),
    container.resolve<OrgModuleService>("org").listOrgs({ id: enrollment.org_id }, { select: ["id", "name"] }).then((data) => ({ data })),
  ])
  const customer = (customers as CustomerRow[])[0]
  if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer "${enrollment.customer_id}" was not found`)
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ").trim() || customer.email
  return new StepResponse([
    {
      code: newVerificationCode(),
      enrollment_id,
      customer_id: enrollment.customer_id,
      course_id: course.id,
      org_id: enrollment.org_id,
      student_name: name,
      course_title: course.title,
      org_name: orgs[0]?.name ?? "",
      issued_at: enrollment.completed_at ?? new Date(),
    },
  ])
})

/**
 * Issues the certificate of a completed enrollment, once: a lock on the enrollment, an
 * "already issued?" guard and the unique enrollment index (a replayed event or two
 * completions at once issue one).
 */
export const issueCertificateWorkflow = createWorkflow("issue-certificate", (input: IssueCertificateInput) => {
  const lockKey = transform({ input }, ({ input }) => `courses:certificate:${input.enrollment_id}`)
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
  const planned = planCertificateStep(input)
  const created = createCertificatesStep(planned)
  when({ created }, ({ created }) => created.length > 0).then(() =>
    emitEventStep({
      eventName: AssessmentEvents.CERTIFICATE_ISSUED,
      data: transform({ created }, ({ created }) => ({ id: created[0].id })),
    })
  )
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0] ?? null))
})
