/// <reference lib="es2023.intl" />
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OrgModuleService } from "@volmify/orgs/modules/org"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { isExactlyZero } from "../rules/free-enrollment"
import { sendEmail, type EmailBrand } from "../utils/org-email"

const money = (brand: EmailBrand, currency: string, amount: unknown) =>
  // Intl formats the decimal string exactly (no float arithmetic on the amount; ES2023, which
  // Node 20 implements). The cast: a total is a decimal string, never another string.
  new Intl.NumberFormat(brand.locale, { style: "currency", currency: currency.toUpperCase() }).format(
    String(amount ?? 0) as Intl.StringNumericLiteral
  )

/** An order as the receipt reads it (Query returns a plugin's graph data untyped). */
type ReceiptOrderRow = {
  id: string
  display_id?: number | null
  email?: string | null
  /** The storefront page's locale, put on the cart and copied to the order. */
  locale?: string | null
  currency_code: string
  total: BigNumberInput
  sales_channel_id?: string | null
  metadata?: Record<string, unknown> | null
  items?: { title?: string | null; product_title?: string | null; quantity: BigNumberInput; total: BigNumberInput; product_id?: string | null }[] | null
}

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
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "locale", "currency_code", "total", "sales_channel_id", "metadata", "items.title", "items.product_title", "items.quantity", "items.total", "items.product_id"],
    filters: { id: event.data.id },
  })
  const [order] = data as (ReceiptOrderRow | undefined)[]
  if (!order?.email || !order.sales_channel_id) return
  // A subscription's renewal order: @volmify/access sends its own receipt (the period, the next payment).
  if ((order.metadata as Record<string, unknown> | null)?.subscription_id) return
  const org = await container.resolve<OrgModuleService>("org").retrieveOrgBySalesChannel(order.sales_channel_id, ["id"])
  if (!org) return
  const productIds = [...new Set((order.items ?? []).map((i) => i?.product_id).filter(Boolean))] as string[]
  const courses = productIds.length
    ? await container.resolve<CourseModuleService>(COURSE_MODULE).listCourses({ product_id: productIds, org_id: org.id }, { select: ["id", "handle", "title", "product_id"] })
    : []
  const courseLinks = (brand: EmailBrand) =>
    courses.map((c) => ({ title: c.title, url: `${brand.storefront_url}/courses/${encodeURIComponent(c.handle)}` }))
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
      lines: (order.items ?? []).map((i) => ({
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
