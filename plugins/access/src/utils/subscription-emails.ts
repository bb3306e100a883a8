import type { BigNumberInput, FilterableNotificationProps, MedusaContainer, NotificationDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, QueryContext } from "@medusajs/framework/utils"
// @volmify/orgs renders and sends every email in the org's brand (its email/ folder).
import { sendEmail, type EmailBrand, type EmailTemplate } from "@volmify/orgs/email"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import type { PricedVariantRow, SubscriptionRecord } from "../types/records"

/**
 * The subscription emails (all transactional: about money the customer owes or paid, so
 * marketing opt-outs do not stop them). Each is sent once per idempotency key, built from
 * what makes the message unique, so an event delivered twice (or two workers) sends one:
 *
 * | Template | When | Key |
 * |---|---|---|
 * | `subscription-started` | `subscription.started` | `subscription-started:<sub>` |
 * | `subscription-renewal-receipt` | `subscription.renewed` | `subscription-renewed:<sub>:<period>` |
 * | `subscription-payment-failed` | `subscription.payment_failed` | `subscription-payment-failed:<sub>:<period>:<attempt>` |
 * | `subscription-canceled` | `subscription.canceled` | `subscription-canceled:<sub>` |
 * | `subscription-cancel-scheduled` | `subscription.updated` set to cancel | `subscription-cancel-scheduled:<sub>:<requested_at>` |
 * | `subscription-trial-ending` | the renewal job, 3 days before a trial ends | `subscription-trial-ending:<sub>:<trial end>` |
 *
 * Links go to `/account/subscriptions` on the org's storefront (where the customer updates
 * the payment method, cancels or resumes).
 */
export const TRIAL_NOTICE_DAYS = 3
const DAY_MS = 86_400_000

type Sub = SubscriptionRecord
/** lib.es2021 types Intl's format() as taking numbers only; it formats decimal strings too (exactly). */
type DecimalFormat = (value: number | bigint | string) => string

const subscriptionsUrl = (brand: EmailBrand) => `${brand.storefront_url}/account/subscriptions`
const day = (brand: EmailBrand, at: Date | string) =>
  new Intl.DateTimeFormat(brand.locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(at))
// Intl formats the decimal string exactly (no float arithmetic); `format` is bound to its formatter.
const money = (brand: EmailBrand, currency: string, amount: unknown) =>
  (new Intl.NumberFormat(brand.locale, { style: "currency", currency: currency.toUpperCase() }).format as DecimalFormat)(String(amount ?? 0))
const every = (sub: Sub) => (sub.interval_count > 1 ? `${sub.interval_count} ${sub.interval}s` : sub.interval)

/** What every subscription email shows: who, the product, its price now in the subscription's region. */
async function loadMailContext(container: MedusaContainer, ids: string[]) {
  const subs = await container.resolve<AccessModuleService>(ACCESS_MODULE).listSubscriptions({ id: ids })
  if (!subs.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const customers = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: [...new Set(subs.map((s) => s.customer_id))] }, { select: ["id", "email", "first_name"] })
  const customerOf = new Map(customers.map((c) => [c.id, c]))
  const out: { sub: Sub; to: string; first_name: string | null; product_title: string; price: unknown }[] = []
  for (const sub of subs) {
    const customer = customerOf.get(sub.customer_id)
    const to = customer?.email ?? sub.email
    if (!to) continue
    const { data: [variant] }: { data: (PricedVariantRow | undefined)[] } = await query.graph({
      entity: "product_variant",
      fields: ["id", "calculated_price.calculated_amount", "product.title"],
      filters: { id: sub.variant_id },
      context: { calculated_price: QueryContext({ region_id: sub.region_id, currency_code: sub.currency_code }) },
    })
    out.push({ sub, to, first_name: customer?.first_name ?? null, product_title: variant?.product?.title ?? "your plan", price: variant?.calculated_price?.calculated_amount })
  }
  return out
}

type Mail = Awaited<ReturnType<typeof loadMailContext>>[number]

function send(container: MedusaContainer, mail: Mail, template: EmailTemplate, key: string, data: (brand: EmailBrand) => Record<string, unknown>) {
  return sendEmail(container, {
    org_id: mail.sub.org_id ?? null,
    to: mail.to,
    template,
    receiver_id: mail.sub.customer_id,
    resource: { type: "subscription", id: mail.sub.id },
    idempotency_key: key,
    record: { subscription_id: mail.sub.id },
    data: (brand) => ({
      first_name: mail.first_name,
      product_title: mail.product_title,
      amount: money(brand, mail.sub.currency_code, mail.price),
      every: every(mail.sub),
      url: subscriptionsUrl(brand),
      ...data(brand),
    }),
  })
}

export async function sendSubscriptionStartedEmails(container: MedusaContainer, ids: string[]) {
  for (const mail of await loadMailContext(container, ids)) {
    const { sub } = mail
    const trial = sub.trial_ends_at && sub.status === "trialing"
    await send(container, mail, "subscription-started", `subscription-started:${sub.id}`, (brand) => ({
      trial_ends_on: trial ? day(brand, sub.trial_ends_at!) : null,
      next_charge_on: sub.next_charge_at ? day(brand, sub.next_charge_at) : null,
    }))
  }
}

export async function sendRenewalReceiptEmail(container: MedusaContainer, data: { id: string; order_id: string; period_index: number }) {
  const [mail] = await loadMailContext(container, [data.id])
  if (!mail) return
  const [renewal] = await container
    .resolve<AccessModuleService>(ACCESS_MODULE)
    .listSubscriptionRenewals({ subscription_id: data.id, period_index: data.period_index }, { take: 1 })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] }: { data: ({ id: string; display_id: number; total: BigNumberInput; currency_code: string } | undefined)[] } = await query.graph({ entity: "order", fields: ["id", "display_id", "total", "currency_code"], filters: { id: data.order_id } })
  if (!renewal || !order) return
  const final = mail.sub.max_payments !== null && data.period_index >= mail.sub.max_payments
  await send(container, mail, "subscription-renewal-receipt", `subscription-renewed:${data.id}:${data.period_index}`, (brand) => ({
    amount: money(brand, order.currency_code, order.total),
    display_id: order.display_id,
    period: `${day(brand, renewal.period_start)} - ${day(brand, renewal.period_end)}`,
    next_charge_on: final ? null : day(brand, renewal.period_end),
    order_url: `${brand.storefront_url}/order/${order.id}`,
  }))
}

export async function sendPaymentFailedEmail(
  container: MedusaContainer,
  data: { id: string; attempts: number; next_retry_at: string | Date; period_index?: number }
) {
  const [mail] = await loadMailContext(container, [data.id])
  if (!mail) return
  const period = data.period_index ?? mail.sub.payments_made + 1
  await send(container, mail, "subscription-payment-failed", `subscription-payment-failed:${data.id}:${period}:${data.attempts}`, (brand) => ({
    next_retry_on: day(brand, data.next_retry_at),
  }))
}

export async function sendSubscriptionCanceledEmail(container: MedusaContainer, data: { id: string; reason: string }) {
  const [mail] = await loadMailContext(container, [data.id])
  if (!mail || mail.sub.status !== "canceled") return
  await send(container, mail, "subscription-canceled", `subscription-canceled:${data.id}`, () => ({ reason: data.reason }))
}

export async function sendCancelScheduledEmail(container: MedusaContainer, data: { id: string; cancel_at_period_end?: boolean; requested_at?: string }) {
  if (!data.cancel_at_period_end || !data.requested_at) return
  const [mail] = await loadMailContext(container, [data.id])
  // Resumed (or ended) since: the customer is not told about a cancellation that no longer holds.
  if (!mail || !mail.sub.cancel_at_period_end || !["trialing", "active", "past_due"].includes(mail.sub.status)) return
  const until = mail.sub.next_charge_at ?? mail.sub.current_period_end
  await send(container, mail, "subscription-cancel-scheduled", `subscription-cancel-scheduled:${data.id}:${data.requested_at}`, (brand) => ({
    access_until: day(brand, until),
  }))
}

/**
 * Trials ending within TRIAL_NOTICE_DAYS of `now` (and set to go on) get the reminder, once per
 * trial end: the keys already sent are read in one query, so a scan every 10 minutes sends
 * only what is new. Returns how many were sent.
 */
export async function sendTrialEndingNotices(container: MedusaContainer, now: Date): Promise<number> {
  const due = await container.resolve<AccessModuleService>(ACCESS_MODULE).listSubscriptions(
    {
      status: "trialing",
      cancel_at_period_end: false,
      trial_ends_at: { $gt: now, $lte: new Date(now.getTime() + TRIAL_NOTICE_DAYS * DAY_MS) },
    },
    { select: ["id", "trial_ends_at"], take: 1000 }
  )
  if (!due.length) return 0
  // Only trialing subscriptions with a trial end in the window: trial_ends_at is set.
  const keyOf = (s: Sub) => `subscription-trial-ending:${s.id}:${new Date(s.trial_ends_at!).toISOString()}`
  // Medusa's notification types omit idempotency_key, a column the module filters on and returns.
  type KeyedNotification = NotificationDTO & { idempotency_key: string | null }
  const sent = (await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications({ idempotency_key: due.map(keyOf) } as FilterableNotificationProps, { select: ["idempotency_key"] })) as KeyedNotification[]
  const done = new Set(sent.map((n) => n.idempotency_key))
  const todo = due.filter((s) => !done.has(keyOf(s)))
  let count = 0
  for (const mail of await loadMailContext(container, todo.map((s) => s.id))) {
    const ok = await send(container, mail, "subscription-trial-ending", keyOf(mail.sub), (brand) => ({ trial_ends_on: day(brand, mail.sub.trial_ends_at!) }))
    if (ok) count++
  }
  return count
}
