import crypto from "node:crypto"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import type { AccessModuleService } from "@volmify/access/modules/access"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { sendEmail } from "../utils/org-email"

/**
 * `entitlement.revoked` (a refund, a cancel, a failed capture, staff): the student is told,
 * once, which courses they can no longer open and why, one email per student and org. Not for
 * a subscription that ended (its own email, from @volmify/access, says the access ended).
 */
export default async function accessRevokedEmail({ event, container }: SubscriberArgs<{ ids: string[] }>) {
  const ids = event.data?.ids ?? []
  if (!ids.length) return
  const entitlements = await container
    .resolve<AccessModuleService>("access")
    .listEntitlements({ id: ids, status: "revoked" }, { select: ["id", "customer_id", "product_id", "revoke_reason", "source_type", "revoked_by"] })
    // The end of a subscription revokes its access: @volmify/access's subscription email says so.
    .then((list) => list.filter((e) => !(e.source_type === "subscription" && e.revoked_by === "subscription")))
  if (!entitlements.length) return
  const courses = await container
    .resolve<CourseModuleService>(COURSE_MODULE)
    .listCourses({ product_id: [...new Set(entitlements.map((e) => e.product_id))] }, { select: ["id", "title", "product_id", "org_id"] })
  const courseOf = new Map(courses.map((c) => [c.product_id, c]))
  type Group = { customer_id: string; org_id: string; titles: Set<string>; reasons: Set<string>; ids: string[] }
  const groups = new Map<string, Group>()
  for (const e of entitlements) {
    const course = courseOf.get(e.product_id)
    if (!course) continue
    const key = `${e.customer_id}:${course.org_id}`
    const group: Group = groups.get(key) ?? { customer_id: e.customer_id, org_id: course.org_id, titles: new Set<string>(), reasons: new Set<string>(), ids: [] }
    group.titles.add(course.title)
    if (e.revoke_reason) group.reasons.add(e.revoke_reason)
    group.ids.push(e.id)
    groups.set(key, group)
  }
  if (!groups.size) return
  const customers = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: [...new Set([...groups.values()].map((g) => g.customer_id))] }, { select: ["id", "email", "first_name"] })
  const customerOf = new Map(customers.map((c) => [c.id, c]))
  for (const group of groups.values()) {
    const customer = customerOf.get(group.customer_id)
    if (!customer?.email) continue
    await sendEmail(container, {
      org_id: group.org_id,
      to: customer.email,
      template: "access-revoked",
      receiver_id: customer.id,
      resource: { type: "entitlement", id: group.ids[0] },
      idempotency_key: `access-revoked:${crypto.createHash("sha256").update(group.ids.sort().join(",")).digest("hex").slice(0, 32)}`,
      data: (brand) => ({
        first_name: customer.first_name,
        courses: [...group.titles].sort(),
        reason: group.reasons.size === 1 ? [...group.reasons][0] : null,
        url: `${brand.storefront_url}/courses`,
      }),
    })
  }
}

export const config: SubscriberConfig = { event: "entitlement.revoked" }
