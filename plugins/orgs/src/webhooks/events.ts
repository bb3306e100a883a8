import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import type { WebhookEvent } from "../rules/webhooks"

/** One event as an org's endpoints receive it: ids and the org, nothing else. */
export type OrgWebhookEvent = { org_id: string; event: WebhookEvent; key: string; data: Record<string, string | string[]> }

/** What the source events carry: the ids of the records they are about. */
export type WebhookSourceData = { id?: string; ids?: string[]; enrollment_id?: string; placement_id?: string }
type Raw = WebhookSourceData

/** The rows read below (other plugins' entities, read by name through Query). */
type RefundedPaymentRow = {
  id: string
  refunds?: { id: string; created_at: Date | string }[] | null
  payment_collection?: { order?: { id: string; sales_channel_id?: string | null } | null } | null
}
type EnrollmentRow = { id: string; org_id: string; course_id: string; customer_id: string }
type LessonProgressRow = { id: string; status: string; placement_id: string; enrollment?: EnrollmentRow | null }
type CertificateRow = { id: string; org_id: string; course_id: string; customer_id: string; enrollment_id: string }

/**
 * Maps an emitted event to the webhook events of the org it belongs to. The org comes from
 * the record the event names (an order's sales channel, an enrollment's org), never from
 * the event's payload; records of several orgs (a commission batch) become one event per
 * org, each carrying only that org's ids. `key` identifies the event for "once per endpoint".
 * Other plugins' records are read by name through Query: orgs imports none of them.
 */
export async function toOrgWebhookEvents(container: MedusaContainer, name: string, raw: Raw): Promise<OrgWebhookEvent[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
  const orgOfChannel = async (channel?: string | null) => (channel ? (await orgs.retrieveOrgBySalesChannel(channel, ["id"]))?.id ?? null : null)

  if (name === "order.placed" && raw.id) {
    const { data: [order] } = await query.graph({ entity: "order", fields: ["id", "sales_channel_id", "customer_id"], filters: { id: raw.id } })
    const org_id = await orgOfChannel(order?.sales_channel_id)
    if (!order || !org_id) return []
    return [{ org_id, event: "order.placed", key: `order.placed:${order.id}`, data: { order_id: order.id, customer_id: order.customer_id ?? "" } }]
  }
  if (name === "payment.refunded" && raw.id) {
    const { data: [payment] }: { data: RefundedPaymentRow[] } = await query.graph({
      entity: "payment",
      fields: ["id", "refunds.id", "refunds.created_at", "payment_collection.order.id", "payment_collection.order.sales_channel_id"],
      filters: { id: raw.id },
    })
    const order = payment?.payment_collection?.order
    const org_id = await orgOfChannel(order?.sales_channel_id)
    if (!order || !org_id) return []
    // Each refund of a payment is its own event: keyed by the newest refund (ids sort by time).
    const last: string = (payment.refunds ?? []).map((r) => r.id).sort().at(-1) ?? raw.id
    return [{ org_id, event: "payment.refunded", key: `payment.refunded:${last}`, data: { payment_id: raw.id, order_id: order.id, refund_id: last } }]
  }
  if (name === "course.enrollment.created" || name === "course.enrollment.completed") {
    const ids = raw.ids ?? (raw.id ? [raw.id] : [])
    if (!ids.length) return []
    const { data }: { data: EnrollmentRow[] } = await query.graph({ entity: "enrollment", fields: ["id", "org_id", "course_id", "customer_id"], filters: { id: ids } })
    return data.map((e) => ({
      org_id: e.org_id,
      event: name,
      key: `${name}:${e.id}`,
      data: { enrollment_id: e.id, course_id: e.course_id, customer_id: e.customer_id },
    }))
  }
  if (name === "course.lesson_progress.recorded" && raw.enrollment_id && raw.placement_id) {
    const { data: [progress] }: { data: LessonProgressRow[] } = await query.graph({
      entity: "lesson_progress",
      fields: ["id", "status", "placement_id", "enrollment.id", "enrollment.org_id", "enrollment.course_id", "enrollment.customer_id"],
      filters: { enrollment_id: raw.enrollment_id, placement_id: raw.placement_id },
    })
    const p = progress
    if (!p || p.status !== "completed" || !p.enrollment) return []
    return [{
      org_id: p.enrollment.org_id,
      event: "course.lesson.completed",
      key: `course.lesson.completed:${p.id}`,
      data: { enrollment_id: p.enrollment.id, course_id: p.enrollment.course_id, customer_id: p.enrollment.customer_id, placement_id: p.placement_id },
    }]
  }
  if (name === "course.certificate.issued" && raw.id) {
    const { data: [cert] }: { data: CertificateRow[] } = await query.graph({ entity: "certificate", fields: ["id", "org_id", "course_id", "customer_id", "enrollment_id"], filters: { id: raw.id } })
    const c = cert
    if (!c) return []
    return [{
      org_id: c.org_id,
      event: "course.certificate.issued",
      key: `course.certificate.issued:${c.id}`,
      data: { certificate_id: c.id, course_id: c.course_id, customer_id: c.customer_id, enrollment_id: c.enrollment_id },
    }]
  }
  if (name === "affiliate.commissions.approved" && raw.ids?.length) {
    const { data }: { data: { id: string; org_id: string }[] } = await query.graph({ entity: "affiliate_commission", fields: ["id", "org_id"], filters: { id: raw.ids } })
    const byOrg = new Map<string, string[]>()
    for (const c of data) byOrg.set(c.org_id, [...(byOrg.get(c.org_id) ?? []), c.id])
    return [...byOrg].map(([org_id, ids]) => ({
      org_id,
      event: "affiliate.commissions.approved",
      key: `affiliate.commissions.approved:${[...ids].sort().join(",")}`.slice(0, 2000),
      data: { commission_ids: ids },
    }))
  }
  return []
}

/** Emitted event names this maps (the subscriber listens to these). */
export const SOURCE_EVENTS = [
  "order.placed",
  "payment.refunded",
  "course.enrollment.created",
  "course.enrollment.completed",
  "course.lesson_progress.recorded",
  "course.certificate.issued",
  "affiliate.commissions.approved",
]
