import type {
  BigNumberInput,
  CreateOrderDTO,
  CreateOrderLineItemDTO,
  CreateOrderTaxLineDTO,
  IOrderModuleService,
  IPaymentModuleService,
  ITaxModuleService,
  PaymentAccountHolderDTO,
  PaymentCustomerDTO,
  PaymentDTO,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, QueryContext } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { ClaimedRenewalRecord } from "../../modules/access/service"
import { throwIfTestFault } from "../../utils/test-faults"

/** Payment calls of one batch run this many side by side (each is a provider round trip). */
const PAYMENT_CONCURRENCY = 8

type Sub = {
  id: string
  customer_id: string
  email: string | null
  variant_id: string
  region_id: string
  currency_code: string
  sales_channel_id: string | null
  payment_provider_id: string
  payment_method_ref: Record<string, unknown> | null
  status: string
  cancel_at_period_end: boolean
  pending_variant_id: string | null
  payments_made: number
  max_payments: number | null
  next_charge_at: Date | null
}

/** One claimed period the batch bills: its record, the subscription, the order to create. */
export type PreparedRenewal = {
  claim: ClaimedRenewalRecord
  subscription: Sub
  final: boolean
}

/**
 * Claims a batch of due periods (AccessModuleService.claimDueRenewalBatch: one transaction,
 * FOR UPDATE SKIP LOCKED, pending renewal records inserted ON CONFLICT DO NOTHING).
 * Compensation deletes the records it inserted that are not paid.
 */
export const claimRenewalBatchStep = createStep(
  "claim-subscription-renewal-batch",
  async ({ now, limit }: { now: Date; limit: number }, { container }) => {
    const claims = await container.resolve<AccessModuleService>(ACCESS_MODULE).claimDueRenewalBatch(new Date(now), limit)
    return new StepResponse(claims, claims.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const unpaid = await service.listSubscriptionRenewals({ id: ids, status: ["pending", "failed"] }, { select: ["id"], take: ids.length })
    if (unpaid.length) await service.deleteSubscriptionRenewals(unpaid.map((r) => r.id))
  }
)

/**
 * Under the batch's locks, re-reads the claimed subscriptions: a claim whose subscription
 * changed since (canceled, set to end at period end, switched plan, already advanced) is
 * handed back (its pending record deleted) for the per-subscription workflow to decide.
 * Compensation re-creates the handed-back records so the claim step's compensation finds a
 * consistent state (it deletes them again).
 */
export const checkRenewalBatchStep = createStep(
  "check-subscription-renewal-batch",
  async ({ claims, now }: { claims: ClaimedRenewalRecord[]; now: Date }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const subs = claims.length ? ((await service.listSubscriptions({ id: claims.map((c) => c.subscription_id) }, { take: claims.length })) as unknown as Sub[]) : []
    const byId = new Map(subs.map((s) => [s.id, s]))
    const at = new Date(now).getTime()
    const ready: PreparedRenewal[] = []
    const released: ClaimedRenewalRecord[] = []
    for (const claim of claims) {
      const s = byId.get(claim.subscription_id)
      const billable =
        !!s &&
        (s.status === "active" || s.status === "trialing") &&
        !s.cancel_at_period_end &&
        !s.pending_variant_id &&
        s.payments_made + 1 === claim.period_index &&
        !!s.next_charge_at &&
        new Date(s.next_charge_at).getTime() <= at
      if (billable) ready.push({ claim, subscription: s!, final: s!.max_payments !== null && claim.period_index >= s!.max_payments })
      else released.push(claim)
    }
    if (released.length) await service.deleteSubscriptionRenewals(released.map((c) => c.id))
    return new StepResponse({ ready, released: released.map((c) => c.subscription_id) })
  }
)

/** The order module stores these two as the cart path sets them; its input type omits them. */
type RenewalLineItem = CreateOrderLineItemDTO & { product_type_id?: string; is_giftcard?: boolean }

type VariantRow = {
  id: string
  title: string | null
  sku: string | null
  barcode: string | null
  product: {
    id: string
    title: string
    subtitle: string | null
    description: string | null
    handle: string
    thumbnail: string | null
    discountable: boolean
    is_giftcard: boolean
    type?: { id: string; value: string } | null
    collection?: { title: string } | null
  }
  calculated_price?: { calculated_amount: number | null; is_calculated_price_tax_inclusive?: boolean } | null
}

/**
 * The batch's orders, as completeCartWorkflow would have built them from a renewal cart:
 * the plan's variant at its calculated price in the subscription's region and currency,
 * tax lines from the tax module for the region's country (a cart in a one-country region
 * gets that country as its address), cart-less metadata naming the subscription and period.
 * Prices and tax lines are read once per variant and region, not per subscription. A
 * subscription whose variant has no price there is handed back (the per-subscription
 * workflow then fails on it as the cart path does, and classifies the failure). Reads only.
 */
export const buildRenewalOrdersStep = createStep(
  "build-subscription-renewal-orders",
  async ({ ready }: { ready: PreparedRenewal[] }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const tax = container.resolve<ITaxModuleService>(Modules.TAX)
    const groups = new Map<string, { region_id: string; currency_code: string; variant_ids: Set<string> }>()
    for (const r of ready) {
      const key = `${r.subscription.region_id}:${r.subscription.currency_code}`
      const group = groups.get(key) ?? { region_id: r.subscription.region_id, currency_code: r.subscription.currency_code, variant_ids: new Set<string>() }
      group.variant_ids.add(r.subscription.variant_id)
      groups.set(key, group)
    }
    const regionIds = [...new Set(ready.map((r) => r.subscription.region_id))]
    const { data: regions } = regionIds.length
      ? await query.graph({ entity: "region", fields: ["id", "automatic_taxes", "countries.iso_2"], filters: { id: regionIds } })
      : { data: [] }
    const regionById = new Map((regions as { id: string; automatic_taxes: boolean; countries?: { iso_2: string }[] }[]).map((r) => [r.id, r]))

    // Per (region, currency): the variants priced, and their tax lines for the region's country.
    const priced = new Map<string, { variant: VariantRow; amount: number; inclusive: boolean; tax_lines: CreateOrderTaxLineDTO[]; country: string | null }>()
    for (const [key, group] of groups) {
      const { data } = await query.graph({
        entity: "variant",
        fields: [
          "id", "title", "sku", "barcode",
          "product.id", "product.title", "product.subtitle", "product.description", "product.handle", "product.thumbnail",
          "product.discountable", "product.is_giftcard", "product.type.id", "product.type.value", "product.collection.title",
          "calculated_price.calculated_amount", "calculated_price.is_calculated_price_tax_inclusive",
        ],
        filters: { id: [...group.variant_ids] },
        context: { calculated_price: QueryContext({ region_id: group.region_id, currency_code: group.currency_code }) },
      })
      const region = regionById.get(group.region_id)
      const country = region?.countries?.length === 1 ? region.countries[0].iso_2 : null
      const variants = data as unknown as VariantRow[]
      const taxable = variants.filter((v) => v.calculated_price?.calculated_amount !== null && v.calculated_price?.calculated_amount !== undefined)
      const lines =
        country && region?.automatic_taxes && taxable.length
          ? await tax.getTaxLines(
              taxable.map((v) => ({
                id: v.id,
                product_id: v.product.id,
                product_type_id: v.product.type?.id,
                quantity: 1,
                unit_price: v.calculated_price!.calculated_amount!,
                currency_code: group.currency_code,
                is_tax_inclusive: !!v.calculated_price!.is_calculated_price_tax_inclusive,
              })),
              { address: { country_code: country } }
            )
          : []
      for (const v of taxable) {
        const mine = lines.filter((l) => "line_item_id" in l && l.line_item_id === v.id)
        priced.set(`${key}:${v.id}`, {
          variant: v,
          amount: v.calculated_price!.calculated_amount!,
          inclusive: !!v.calculated_price!.is_calculated_price_tax_inclusive,
          country,
          tax_lines: mine.map((l) => ({ description: l.name, tax_rate_id: l.rate_id, code: l.code ?? "", rate: l.rate, provider_id: l.provider_id })),
        })
      }
    }

    const orders: (CreateOrderDTO & { metadata: Record<string, unknown> })[] = []
    const billed: PreparedRenewal[] = []
    const unpriced: string[] = []
    for (const r of ready) {
      const s = r.subscription
      const p = priced.get(`${s.region_id}:${s.currency_code}:${s.variant_id}`)
      if (!p) {
        unpriced.push(s.id)
        continue
      }
      const v = p.variant
      billed.push(r)
      const item: RenewalLineItem = {
        quantity: 1,
        title: v.product.title,
        subtitle: v.title ?? undefined,
        thumbnail: v.product.thumbnail ?? undefined,
        product_id: v.product.id,
        product_title: v.product.title,
        product_description: v.product.description ?? undefined,
        product_subtitle: v.product.subtitle ?? undefined,
        product_type: v.product.type?.value ?? undefined,
        product_type_id: v.product.type?.id ?? undefined,
        product_collection: v.product.collection?.title ?? undefined,
        product_handle: v.product.handle,
        variant_id: v.id,
        variant_sku: v.sku ?? undefined,
        variant_barcode: v.barcode ?? undefined,
        variant_title: v.title ?? undefined,
        is_discountable: v.product.discountable,
        is_giftcard: v.product.is_giftcard,
        requires_shipping: false,
        unit_price: p.amount,
        is_tax_inclusive: p.inclusive,
        tax_lines: p.tax_lines,
        metadata: {},
      }
      orders.push({
        region_id: s.region_id,
        customer_id: s.customer_id,
        sales_channel_id: s.sales_channel_id ?? undefined,
        status: "pending",
        email: s.email ?? undefined,
        currency_code: s.currency_code,
        shipping_address: p.country ? { country_code: p.country } : undefined,
        no_notification: false,
        items: [item],
        metadata: { subscription_id: s.id, subscription_period: r.claim.period_index },
      })
    }
    return new StepResponse({ orders, billed, unpriced })
  }
)

export type AuthorizedRenewal = { subscription_id: string; order_id: string; payment: PaymentDTO }
export type DeclinedRenewal = { subscription_id: string; order_id: string; message: string }

/**
 * Pays the batch's orders through Medusa's payment module as completeCartWorkflow does for
 * a cart: per order a payment collection of the order's total (created in one call and
 * linked to the orders in one call), a session with the subscription's provider and saved
 * method off-session (the customer's account holder in its context), then authorization.
 * A declined authorization is an outcome, not a crash: that order is deleted and its
 * subscription returned as declined (the caller runs dunning for it). Compensation cancels
 * the authorized payments (refunding a captured one) and deletes the collections and links.
 */
export const authorizeRenewalPaymentsStep = createStep(
  "authorize-subscription-renewal-payments",
  async ({ billed, order_ids }: { billed: PreparedRenewal[]; order_ids: string[] }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const orderModule = container.resolve<IOrderModuleService>(Modules.ORDER)
    if (!billed.length) return new StepResponse({ authorized: [] as AuthorizedRenewal[], declined: [] as DeclinedRenewal[] }, null)

    const { data: orders } = await query.graph({ entity: "order", fields: ["id", "total", "currency_code"], filters: { id: order_ids } })
    const totalById = new Map((orders as { id: string; total: BigNumberInput; currency_code: string }[]).map((o) => [o.id, o]))
    const collections = await payments.createPaymentCollections(
      billed.map((r, i) => ({ currency_code: r.subscription.currency_code, amount: totalById.get(order_ids[i])!.total }))
    )
    const links = billed.map((_, i) => ({ [Modules.ORDER]: { order_id: order_ids[i] }, [Modules.PAYMENT]: { payment_collection_id: collections[i].id } }))
    await link.create(links)
    const undo = { collection_ids: collections.map((c) => c.id), links, payment_ids: [] as string[] }

    const customerIds = [...new Set(billed.map((r) => r.subscription.customer_id))]
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name", "last_name", "phone", "account_holders.*"],
      filters: { id: customerIds },
    })
    const customerById = new Map((customers as (PaymentCustomerDTO & { account_holders?: (PaymentAccountHolderDTO & { provider_id: string })[] })[]).map((c) => [c.id, c]))

    const authorized: AuthorizedRenewal[] = []
    const declined: DeclinedRenewal[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(PAYMENT_CONCURRENCY, billed.length) }, async () => {
        while (next < billed.length) {
          const i = next++
          const s = billed[i].subscription
          const customer = customerById.get(s.customer_id)
          const { account_holders, ...customerFields }: PaymentCustomerDTO & { account_holders?: (PaymentAccountHolderDTO & { provider_id: string })[] } = customer ?? { id: s.customer_id, email: s.email ?? "" }
          const holder = (account_holders ?? []).find((h) => h?.provider_id === s.payment_provider_id)
          try {
            const session = await payments.createPaymentSession(collections[i].id, {
              provider_id: s.payment_provider_id,
              currency_code: s.currency_code,
              amount: collections[i].amount,
              data: { ...(s.payment_method_ref ?? {}), off_session: true, confirm: true },
              context: { customer: customerFields, account_holder: holder, idempotency_key: billed[i].claim.id },
            })
            const payment = await payments.authorizePaymentSession(session.id, {})
            if (!payment) throw new Error(`payment session ${session.id} was not authorized`)
            undo.payment_ids.push(payment.id)
            authorized.push({ subscription_id: s.id, order_id: order_ids[i], payment })
          } catch (e) {
            declined.push({ subscription_id: s.id, order_id: order_ids[i], message: e instanceof Error ? e.message : String(e) })
          }
        }
      })
    )
    if (declined.length) await orderModule.softDeleteOrders(declined.map((d) => d.order_id))
    return new StepResponse({ authorized, declined }, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    for (const id of undo.payment_ids) {
      const [payment] = await payments.listPayments({ id }, { relations: ["captures"] })
      if (payment?.captures?.length) await payments.refundPayment({ payment_id: id, amount: payment.amount })
      else if (payment) await payments.cancelPayment(id)
    }
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss(undo.links)
    await payments.deletePaymentCollections(undo.collection_ids)
  }
)

/**
 * Records the batch's paid periods and advances their subscriptions (completed after the
 * last installment), as renewSubscriptionWorkflow's mark-paid and advance steps do one at a
 * time, here in two bulk module calls. Declined periods' claims are deleted (dunning
 * records them). Compensation writes back the records and subscriptions as they were.
 */
export const completeRenewalBatchStep = createStep(
  "complete-subscription-renewal-batch",
  async (
    { billed, authorized, declined }: { billed: PreparedRenewal[]; authorized: AuthorizedRenewal[]; declined: DeclinedRenewal[] },
    { container }
  ) => {
    // The test-only fault hook: this step is also the per-subscription path's mark-paid and advance.
    for (const fault of ["complete-subscription-renewal-batch", "mark-subscription-renewal-paid", "advance-subscription"]) {
      throwIfTestFault(container, fault)
    }
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const orderBySub = new Map(authorized.map((a) => [a.subscription_id, a.order_id]))
    const paid = billed.filter((r) => orderBySub.has(r.subscription.id))
    const declinedSubs = new Set(declined.map((d) => d.subscription_id))
    const droppedClaims = billed.filter((r) => declinedSubs.has(r.subscription.id)).map((r) => r.claim)
    if (droppedClaims.length) await service.deleteSubscriptionRenewals(droppedClaims.map((c) => c.id))
    if (!paid.length) return new StepResponse(paid.length, { dropped: droppedClaims, renewals: [], subscriptions: [] })

    const before = await service.listSubscriptions(
      { id: paid.map((r) => r.subscription.id) },
      { select: ["id", "status", "payments_made", "current_period_start", "current_period_end", "next_charge_at", "failed_attempts", "past_due_since"], take: paid.length }
    )
    await service.updateSubscriptionRenewals(
      paid.map((r) => ({ id: r.claim.id, status: "paid" as const, order_id: orderBySub.get(r.subscription.id)!, attempts: 1, last_error: null }))
    )
    await service.updateSubscriptions(
      paid.map((r) => ({
        id: r.subscription.id,
        status: r.final ? ("completed" as const) : ("active" as const),
        payments_made: r.claim.period_index,
        current_period_start: r.claim.period_start,
        current_period_end: r.claim.period_end,
        next_charge_at: r.final ? null : r.claim.period_end,
        failed_attempts: 0,
        past_due_since: null,
      }))
    )
    return new StepResponse(paid.length, { dropped: droppedClaims, renewals: paid.map((r) => r.claim.id), subscriptions: before })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    if (undo.subscriptions.length) await service.updateSubscriptions(undo.subscriptions as never)
    if (undo.renewals.length) {
      await service.updateSubscriptionRenewals(undo.renewals.map((id) => ({ id, status: "pending" as const, order_id: null, attempts: 0 })))
    }
    if (undo.dropped.length) {
      await service.createSubscriptionRenewals(
        undo.dropped.map((c) => ({ ...c, status: "pending" as const, attempts: 0 }))
      )
    }
  }
)
