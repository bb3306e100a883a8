import type { MedusaContainer } from "@medusajs/framework/types"
import { createTieredProduct, TestProduct } from "./commerce"

import * as wf from "@volmify/courses/workflows"

export const courseService = (container: MedusaContainer) => container.resolve<any>("course")

/** A library lesson of an org, made through createLessonWorkflow. */
export async function createLesson(container: MedusaContainer, orgId: string, fields: Record<string, unknown>) {
  const { result } = await wf.createLessonWorkflow(container).run({ input: { org_id: orgId, type: "text", ...fields } })
  return result as { id: string; title: string }
}

export type OutlineSpec = {
  title: string
  required_tier?: number
  drip_days?: number
  sections: { title: string; required_tier?: number; lessons: { lesson_id: string; required_tier?: number; is_preview?: boolean; drip_days?: number }[] }[]
}[]

/**
 * A course for a new three-tier product of the org (Basic 1, Premium 2, VIP 3, priced in
 * usd/eur/jpy), its outline applied and (unless draft) published, all through workflows.
 */
export async function createCourseWithOutline(
  container: MedusaContainer,
  org: { id: string; sales_channel_id: string },
  { handle, outline, publish = true, title = handle }: { handle: string; outline: OutlineSpec; publish?: boolean; title?: string }
): Promise<{ course: any; product: TestProduct }> {
  const product = await createTieredProduct(container, org, {
    handle: `${handle}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    tiers: [
      { title: "Basic", tier: 1, prices: { usd: 99, eur: 90, jpy: 14800 } },
      { title: "Premium", tier: 2, prices: { usd: 199, eur: 180, jpy: 29800 } },
      { title: "VIP", tier: 3, prices: { usd: 499, eur: 450, jpy: 74800 } },
    ],
  })
  const { result: course } = await wf.createCourseWorkflow(container).run({
    input: { product_id: product.id, handle, title },
  })
  await wf.applyCourseOutlineWorkflow(container).run({ input: { course_id: course.id, outline: { modules: outline } } })
  if (publish) await wf.publishCourseWorkflow(container).run({ input: { id: course.id } })
  return { course, product }
}

/** The placement ids of a course in outline order, keyed by their lesson's title. */
export async function placementsByTitle(container: MedusaContainer, courseId: string): Promise<Record<string, string>> {
  const rows = await courseService(container).readOutlineRows(courseId)
  const titles = new Map(rows.lessons.map((l: any) => [l.id, l.title]))
  return Object.fromEntries(rows.placements.map((p: any) => [titles.get(p.lesson_id), p.id]))
}
