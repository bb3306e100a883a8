import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COURSE_MODULE } from "../modules/course"
import { isExactlyZero } from "../rules/free-enrollment"
import { sendEmail, type EmailBrand } from "../utils/org-email"

const money = (brand: EmailBrand, currency: string, amount: unknown) =>
  // Intl formats the decimal string exactly (no float arithmetic on the amount); `as any`:
  // TypeScript's lib still types format() as number | bigint, though strings are allowed.
  new Intl.NumberFormat(brand.locale, { style: "currency", currency: currency.toUpperCase() }).format(String(amount ?? 0) as any)

/**
 * `order.placed` on an org's storefront: the buyer gets a receipt in the org's brand, with
 * a "Start learning" link per course bought (its page on the org's storefront). Once per
 * order, however often the event arrives.
 *
 * A zero-total order with courses (a free enrollment, or a course fully discounted) gets
 * the "free-enrollment" email instead of a receipt: "you're enrolled", with the same links.
 * Both share the order's key, so an order never gets both. A subscription's renewal order
 * (cart metadata `subscription_id`) gets @volmify/access's renewal receipt instead. Access granted by that order
 * sends no separate "access granted" email (see access-granted-email.ts).
 */
export default async function orderReceiptEmail({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "locale", "currency_code", "total", "sales_channel_id", "metadata", "items.title", "items.product_title", "items.quantity", "items.total", "items.product_id"],
    filters: { id: event.data.id },
  })
  if (!order?.email || !order.sales_channel_id) return
  // A subscription's renewal order: @volmify/access sends its own receipt (the period, the next payment).
  if ((order.metadata as Record<string, unknown> | null)?.subscription_id) return
  const org = await container.resolve<any>("org").retrieveOrgBySalesChannel(order.sales_channel_id, ["id"])
  if (!org) return
  const productIds = [...new Set((order.items ?? []).map((i: any) => i?.product_id).filter(Boolean))] as string[]
  const courses = productIds.length
    ? await container.resolve<any>(COURSE_MODULE).listCourses({ product_id: productIds, org_id: org.id }, { select: ["id", "handle", "title", "product_id"] })
    : []
  const courseLinks = (brand: EmailBrand) =>
    courses.map((c: any) => ({ title: c.title, url: `${brand.storefront_url}/courses/${encodeURIComponent(c.handle)}` }))
  if (courses.length && isExactlyZero(order.total)) {
    await sendEmail(container, {
      org_id: org.id,
      to: order.email,
      template: "free-enrollment",
      data: (brand) => ({ display_id: order.display_id, courses: courseLinks(brand) }),
      idempotency_key: `order-receipt:${order.id}`,
      // The order's language (the storefront page's locale on the cart).
      locale: order.locale,
      resource: { type: "order", id: order.id },
    })
    return
  }
  await sendEmail(container, {
    org_id: org.id,
    to: order.email,
    template: "order-receipt",
    data: (brand) => ({
      display_id: order.display_id,
      lines: (order.items ?? []).map((i: any) => ({
        title: i.product_title && i.title && i.product_title !== i.title ? `${i.product_title} (${i.title})` : i.product_title || i.title,
        quantity: Number(i.quantity),
        amount: money(brand, order.currency_code, i.total),
      })),
      total: money(brand, order.currency_code, order.total),
      courses: courseLinks(brand),
      order_url: `${brand.storefront_url}/order/${order.id}`,
    }),
    idempotency_key: `order-receipt:${order.id}`,
    // The order's language (the storefront page's locale on the cart).
    locale: order.locale,
    resource: { type: "order", id: order.id },
  })
}

export const config: SubscriberConfig = { event: "order.placed" }
