import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { createEnrollmentsStep } from "./steps/records"

export type EnrollForProductsInput = { customer_id: string; product_ids: string[]; started_at?: Date }

/** The enrollments missing for the courses of these products. Reads only. */
export const planEnrollmentsStep = createStep(
  "plan-enrollments",
  async ({ customer_id, product_ids, started_at }: EnrollForProductsInput, { container }) => {
    const service = container.resolve<CourseModuleService>(COURSE_MODULE)
    const list = product_ids.length
      ? await service.listCourses({ product_id: product_ids }, { select: ["id", "org_id"] })
      : []
    if (!list.length) return new StepResponse([] as Record<string, unknown>[])
    const existing = await service.listEnrollments(
      { customer_id, course_id: list.map((c) => c.id) },
      { select: ["course_id"] }
    )
    const have = new Set(existing.map((e) => e.course_id))
    const at = started_at ?? new Date()
    return new StepResponse(
      list
        .filter((c) => !have.has(c.id))
        .map((c) => ({ customer_id, course_id: c.id, org_id: c.org_id, started_at: at, last_activity_at: at, status: "active" }))
    )
  }
)

/**
 * Enrolls a customer in the courses of products they were just entitled to (started by
 * `entitlement.granted`). Idempotent: a lock on the customer, an "already enrolled?"
 * guard and the unique (customer, course) index.
 */
export const enrollCustomerForProductsWorkflow = createWorkflow(
  "enroll-customer-for-products",
  (input: EnrollForProductsInput) => {
    const lockKey = transform({ input }, ({ input }) => `courses:enroll:${input.customer_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const planned = planEnrollmentsStep(input)
    const created = createEnrollmentsStep(planned)
    when({ created }, ({ created }) => created.length > 0).then(() =>
      emitEventStep({
        eventName: CourseEvents.ENROLLMENT_CREATED,
        data: transform({ created }, ({ created }) => ({ ids: created.map((e) => e.id) })),
      })
    )
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(created)
  }
)
