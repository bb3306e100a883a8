import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"
import type { AccessModuleService } from "@volmify/access/modules/access"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

/** The course (404 when missing). Reads only. */
export const findCourseStep = createStep("find-course", async ({ id }: { id: string }, { container }) => {
  const [course] = await courses(container).listCourses({ id }, { take: 1 })
  if (!course) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${id}" was not found`)
  }
  return new StepResponse(course)
})

/**
 * For a new course: the product exists and is owned by an org (which owns the course),
 * it has no course yet, and the handle is free in that org. Returns the org id.
 */
export const validateNewCourseStep = createStep(
  "validate-new-course",
  async ({ product_id, handle }: { product_id: string; handle: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [product],
    } = await query.graph({ entity: "product", fields: ["id", "org.id"], filters: { id: product_id } })
    if (!product) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product "${product_id}" was not found`)
    }
    const orgId = product.org?.id as string | undefined
    if (!orgId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `product_id: product "${product_id}" belongs to no org`)
    }
    const [taken] = await courses(container).listCourses({ product_id }, { take: 1, select: ["id"] })
    if (taken) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `product_id: product "${product_id}" already has course "${taken.id}"`)
    }
    await assertHandleFree(container, orgId, handle)
    return new StepResponse(orgId)
  }
)

async function assertHandleFree(container: MedusaContainer, orgId: string, handle: string, exceptId?: string) {
  const [clash] = await courses(container).listCourses({ org_id: orgId, handle }, { take: 1, select: ["id"] })
  if (clash && clash.id !== exceptId) {
    throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `handle: a course with handle "${handle}" already exists in this org`)
  }
}

/** On update: a changed handle must be free in the course's org. */
export const validateCourseUpdateStep = createStep(
  "validate-course-update",
  async ({ id, handle }: { id: string; handle?: string }, { container }) => {
    const [course] = await courses(container).listCourses({ id }, { take: 1, select: ["id", "org_id"] })
    if (!course) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${id}" was not found`)
    }
    if (handle) await assertHandleFree(container, course.org_id, handle, id)
    return new StepResponse(true)
  }
)

/** Publishing needs a product whose variants grant tiers: at least one with an access plan. */
export const assertCoursePublishableStep = createStep(
  "assert-course-publishable",
  async ({ id }: { id: string }, { container }) => {
    const [course] = await courses(container).listCourses({ id }, { take: 1, select: ["id", "product_id", "status"] })
    if (!course) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Course "${id}" was not found`)
    }
    const access = container.resolve<AccessModuleService>("access")
    const plans = await access.listAccessPlans({ product_id: course.product_id }, { select: ["id", "variant_id"] })
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: variants } = plans.length
      ? await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: plans.map((p) => p.variant_id) } })
      : { data: [] }
    if (!variants.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Course "${id}" cannot be published: its product "${course.product_id}" has no variant with an access plan (set a tier on a variant first)`
      )
    }
    return new StepResponse(true)
  }
)
