import crypto from "node:crypto"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { ENTITLEMENT_GRANTED } from "../events"
import type { AccessModuleService } from "@volmify/access/modules/access"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { sendEmail } from "../utils/org-email"

/**
 * `entitlement.granted` by staff (a manual grant or a gift): the student is told, once,
 * which courses they can now open, with a "Start learning" link per course on the org's
 * storefront, one email per student and org.
 *
 * A grant that comes from an order (`order_id` in the payload, paid or free) sends nothing
 * here: the buyer already gets one email for that order (the receipt, or the free
 * enrollment), with the same links.
 */
export default async function accessGrantedEmail({
  event,
  container,
}: SubscriberArgs<{ ids?: string[]; order_id?: string; customer_id: string }>) {
  const ids = event.data?.ids ?? []
  if (!ids.length || event.data.order_id) return
  const entitlements = await container
    .resolve<AccessModuleService>("access")
    .listEntitlements({ id: ids, status: "active" }, { select: ["id", "customer_id", "product_id", "expires_at", "source_type"] })
  if (!entitlements.length) return
  const courses = await container
    .resolve<CourseModuleService>(COURSE_MODULE)
    .listCourses({ product_id: [...new Set(entitlements.map((e) => e.product_id))] }, { select: ["id", "title", "handle", "product_id", "org_id"] })
  type CourseLink = (typeof courses)[number]
  const coursesOf = new Map<string, CourseLink[]>()
  for (const c of courses) coursesOf.set(c.product_id, [...(coursesOf.get(c.product_id) ?? []), c])
  type Group = { customer_id: string; org_id: string; courses: Map<string, CourseLink>; ids: string[]; expires_at: Date | null }
  const groups = new Map<string, Group>()
  for (const e of entitlements) {
    for (const course of coursesOf.get(e.product_id) ?? []) {
      const key = `${e.customer_id}:${course.org_id}`
      const group: Group = groups.get(key) ?? { customer_id: e.customer_id, org_id: course.org_id, courses: new Map(), ids: [], expires_at: null }
      group.courses.set(course.id, course)
      if (!group.ids.includes(e.id)) group.ids.push(e.id)
      if (e.expires_at && (!group.expires_at || new Date(e.expires_at) < group.expires_at)) group.expires_at = new Date(e.expires_at)
      groups.set(key, group)
    }
  }
  if (!groups.size) return
  const customers = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: [...new Set([...groups.values()].map((g) => g.customer_id))] }, { select: ["id", "email", "first_name"] })
  const customerOf = new Map(customers.map((c) => [c.id, c]))
  for (const group of groups.values()) {
    const customer = customerOf.get(group.customer_id)
    if (!customer?.email) continue
    const list = [...group.courses.values()].sort((a, b) => String(a.title).localeCompare(String(b.title)))
    await sendEmail(container, {
      org_id: group.org_id,
      to: customer.email,
      template: "access-granted",
      receiver_id: customer.id,
      resource: { type: "entitlement", id: group.ids[0] },
      idempotency_key: `access-granted:${crypto.createHash("sha256").update(group.ids.sort().join(",")).digest("hex").slice(0, 32)}`,
      data: (brand) => ({
        first_name: customer.first_name,
        courses: list.map((c) => ({ title: c.title, url: `${brand.storefront_url}/courses/${encodeURIComponent(c.handle)}` })),
        expires_on: group.expires_at ? group.expires_at.toISOString().slice(0, 10) : null,
      }),
    })
  }
}

export const config: SubscriberConfig = { event: ENTITLEMENT_GRANTED }
