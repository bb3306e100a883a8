import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OrgEvents } from "../events"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import { enrollInAutomationsWorkflow } from "../workflows/enroll-in-automations"
import { exitAutomationsOnPurchaseWorkflow } from "../workflows/exit-automations-on-purchase"

type Payload = { id?: string; ids?: string[]; org_id?: string; customer_id?: string }

/**
 * Automation triggers: joined an org, bought a product (also ends sequences that stop on a
 * purchase), enrolled in or completed a course (@volmify/courses' events, read by name and
 * through Query: orgs does not import courses).
 */
export default async function automationTriggers({ event, container }: SubscriberArgs<Payload>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const data = event.data
  if (event.name === OrgEvents.MEMBER_JOINED) {
    if (!data.org_id || !data.customer_id) return
    await enrollInAutomationsWorkflow(container).run({
      input: { org_id: data.org_id, customer_id: data.customer_id, trigger_type: "member_joined" },
    })
    return
  }
  if (event.name === "order.placed") {
    const { data: [order] } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "sales_channel_id", "items.product_id", "items.product_title"],
      filters: { id: data.id! },
    })
    if (!order?.customer_id || !order.sales_channel_id) return
    const org = await container.resolve<OrgModuleService>(ORG_MODULE).retrieveOrgBySalesChannel(order.sales_channel_id, ["id"])
    if (!org) return
    const items = (order.items ?? []).filter(Boolean) as { product_id?: string | null; product_title?: string | null }[]
    const product_ids = [...new Set(items.map((i) => i.product_id).filter((p): p is string => !!p))]
    // First stop what a purchase stops, then start what a purchase starts.
    await exitAutomationsOnPurchaseWorkflow(container).run({ input: { org_id: org.id, customer_id: order.customer_id, product_ids } })
    await enrollInAutomationsWorkflow(container).run({
      input: {
        org_id: org.id,
        customer_id: order.customer_id,
        trigger_type: "product_bought",
        refs: product_ids,
        context: { product_title: items[0]?.product_title ?? undefined },
      },
    })
    return
  }
  // course.enrollment.created { ids } / course.enrollment.completed { id }
  const ids = data.ids ?? (data.id ? [data.id] : [])
  if (!ids.length) return
  const { data: enrollments }: { data: { id: string; customer_id: string; course_id: string; org_id: string }[] } = await query.graph({ entity: "enrollment", fields: ["id", "customer_id", "course_id", "org_id"], filters: { id: ids } })
  if (!enrollments.length) return
  const { data: courses }: { data: { id: string; title: string; handle: string }[] } = await query.graph({
    entity: "course",
    fields: ["id", "title", "handle"],
    filters: { id: [...new Set(enrollments.map((e) => e.course_id))] },
  })
  const byId = new Map(courses.map((c) => [c.id, c]))
  for (const e of enrollments) {
    const course = byId.get(e.course_id)
    await enrollInAutomationsWorkflow(container).run({
      input: {
        org_id: e.org_id,
        customer_id: e.customer_id,
        trigger_type: event.name === "course.enrollment.completed" ? "course_completed" : "course_enrolled",
        refs: [e.course_id],
        context: { course_title: course?.title, course_handle: course?.handle },
      },
    })
  }
}

export const config: SubscriberConfig = {
  event: [OrgEvents.MEMBER_JOINED, "order.placed", "course.enrollment.created", "course.enrollment.completed"],
  context: { subscriberId: "automation-triggers" },
}
