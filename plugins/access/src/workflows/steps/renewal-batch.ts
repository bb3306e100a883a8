import type {
  AccountHolderDTO,
  BigNumberInput,
  CreateOrderDTO,
  CreateOrderLineItemDTO,
  CreateOrderTaxLineDTO,
  ILockingModule,
  IOrderModuleService,
  IPaymentModuleService,
  ITaxModuleService,
  MedusaContainer,
  PaymentCustomerDTO,
  PaymentDTO,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId, MathBN, MedusaError, Modules, PriceListType, QueryContext } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { ClaimedRenewalRecord } from "../../modules/access/service"
import type { SubscriptionFields, SubscriptionRecord } from "../../types/records"
import { throwIfTestFault } from "../../utils/test-faults"

/** Payment calls of one batch run this many side by side (each is a provider round trip). */
const PAYMENT_CONCURRENCY = 8

/** One claimed period the batch bills: its record, the subscription, whether it is the last installment. */
export type PreparedRenewal = {
  claim: ClaimedRenewalRecord
  subscription: SubscriptionRecord
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

/** How long the batch waits for one subscription's lock before handing that period back. */
const LOCK_WAIT_MS = 2000
const LOCK_TTL_SECONDS = 300

export type LockedRenewalBatch = { owner: string; locked: ClaimedRenewalRecord[]; busy: string[] }

/**
 * Takes the `subscription:<id>` lock of every claimed period (the key the per-subscription
 * workflows lock), one key at a time under an owner of this run, waiting up to 2 s for each:
 * a subscription another run holds (a per-subscription renewal, switch or cancel in
 * progress) is handed back, its pending claim deleted, instead of failing the batch or
 * waiting on it. (Medusa's acquireLockStep takes a list of keys in one call, which the
 * in-memory provider does not take atomically: a key held elsewhere leaves the keys before
 * it held until their TTL.) Compensation releases what this step took.
 */
export const lockRenewalBatchStep = createStep(
  "lock-subscription-renewal-batch",
  async ({ claims }: { claims: ClaimedRenewalRecord[] }, { container }) => {
    const locking = container.resolve<ILockingModule>(Modules.LOCKING)
    const owner = `renewal-batch:${generateEntityId(undefined, "lock")}`
    const locked: ClaimedRenewalRecord[] = []
    const busy: ClaimedRenewalRecord[] = []
    for (const claim of claims) {
      const key = `subscription:${claim.subscription_id}`
      const until = Date.now() + LOCK_WAIT_MS
      for (;;) {
        try {
          await locking.acquire(key, { ownerId: owner, expire: LOCK_TTL_SECONDS })
          locked.push(claim)
          break
        } catch {
          if (Date.now() >= until) {
            busy.push(claim)
            break
          }
          await new Promise((r) => setTimeout(r, 100))
        }
      }
    }
    if (busy.length) await container.resolve<AccessModuleService>(ACCESS_MODULE).deleteSubscriptionRenewals(busy.map((c) => c.id))
    return new StepResponse<LockedRenewalBatch, { owner: string; keys: string[] }>(
      { owner, locked, busy: busy.map((c) => c.subscription_id) },
      { owner, keys: locked.map((c) => `subscription:${c.subscription_id}`) }
    )
  },
  async (held, { container }) => {
    if (!held?.keys.length) return
    await container.resolve<ILockingModule>(Modules.LOCKING).release(held.keys, { ownerId: held.owner })
  }
)

/** Releases the batch's locks (the owner and keys lockRenewalBatchStep took). */
export const unlockRenewalBatchStep = createStep(
  "unlock-subscription-renewal-batch",
  async ({ owner, keys }: { owner: string; keys: string[] }, { container }) => {
    if (keys.length) await container.resolve<ILockingModule>(Modules.LOCKING).release(keys, { ownerId: owner })
    return new StepResponse(keys.length)
  }
)

/**
 * Under the batch's locks, re-reads the claimed subscriptions: a claim whose subscription
 * changed since (canceled, set to end at period end, switched plan, already advanced) is
 * handed back (its pending record deleted) for the per-subscription workflow to decide.
 * Compensation re-creates the handed-back records, so the claim step's compensation finds
 * what it inserted (and deletes it).
 */
export const checkRenewalBatchStep = createStep(
  "check-subscription-renewal-batch",
  async ({ claims, now }: { claims: ClaimedRenewalRecord[]; now: Date }, { container }) => {
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const subs = claims.length ? await service.listSubscriptions({ id: claims.map((c) => c.subscription_id) }, { take: claims.length }) : []
    const byId = new Map(subs.map((s) => [s.id, s]))
    const at = new Date(now).getTime()
    const ready: PreparedRenewal[] = []
    const released: ClaimedRenewalRecord[] = []
    for (const claim of claims) {
      const s = byId.get(claim.subscription_id)
      if (
        s &&
        (s.status === "active" || s.status === "trialing") &&
        !s.cancel_at_period_end &&
        !s.pending_variant_id &&
        s.payments_made + 1 === claim.period_index &&
        !!s.next_charge_at &&
        new Date(s.next_charge_at).getTime() <= at
      ) {
        ready.push({ claim, subscription: s, final: s.max_payments !== null && claim.period_index >= s.max_payments })
      } else {
        released.push(claim)
      }
    }
    if (released.length) await service.deleteSubscriptionRenewals(released.map((c) => c.id))
    return new StepResponse({ ready, released: released.map((c) => c.subscription_id) }, released)
  },
  async (released, { container }) => {
    if (!released?.length) return
    await container
      .resolve<AccessModuleService>(ACCESS_MODULE)
      .createSubscriptionRenewals(released.map((c) => ({ ...c, status: "pending" as const, attempts: 0 })))
  }
)

/** The order module stores these as the cart path sets them; its input type omits them. */
type RenewalLineItem = CreateOrderLineItemDTO & { product_type_id?: string; is_giftcard?: boolean }

/** A variant as the batch reads it, priced in one region and currency. */
type VariantRow = {
  id: string
  title: string | null
  sku: string | null
  barcode: string | null
  thumbnail: string | null
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
    shipping_profile?: { id: string } | null
  }
  calculated_price?: {
    calculated_amount: BigNumberInput | null
    original_amount?: BigNumberInput | null
    is_calculated_price_tax_inclusive?: boolean
    calculated_price?: { price_list_type?: string | null } | null
  } | null
}
type RegionRow = { id: string; automatic_taxes: boolean; countries?: ({ iso_2: string } | null)[] | null }
type PricedVariant = { variant: VariantRow; amount: BigNumberInput; inclusive: boolean; tax_lines: CreateOrderTaxLineDTO[] }

/** Medusa's built-in tax provider (`@medusajs/tax`'s system provider). */
const SYSTEM_TAX_PROVIDER = "tp_system"

/**
 * The batch's orders, as completeCartWorkflow would build them from the renewal cart
 * renewSubscriptionWorkflow creates: the plan's variant at its calculated price in the
 * subscription's region and currency (a sale price list's original amount as the compare-at
 * price), tax lines from the tax module for the address the cart would get (the region's
 * country when it has one), no shipping, metadata naming the subscription and period.
 * Prices and tax lines are read once per region, currency and variant, not per
 * subscription. Handed back to the per-subscription workflow (which then fails or succeeds
 * on it as the cart path does): a variant without a price there, one that needs shipping
 * (its product has a shipping profile: the cart path needs a shipping method), or a customer
 * in a customer group (whose price lists only the cart path applies), or a region taxed by
 * a provider other than Medusa's system one (it may tax by customer, a context only the cart
 * path passes); their claims are deleted (re-created by the compensation) so that workflow
 * can claim the period itself.
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
    const { data: regions }: { data: RegionRow[] } = regionIds.length
      ? await query.graph({ entity: "region", fields: ["id", "automatic_taxes", "countries.iso_2"], filters: { id: regionIds } })
      : { data: [] }
    const regionById = new Map(regions.map((r) => [r.id, r]))
    const countryOf = (regionId: string) => {
      const countries = (regionById.get(regionId)?.countries ?? []).filter((c): c is { iso_2: string } => !!c)
      return countries.length === 1 ? countries[0].iso_2 : null
    }

    // Medusa's system tax provider taxes by address and product, as this step asks it to.
    // Another provider may also tax by customer (exemptions, tax ids), a context only the cart
    // path gives it, so a region taxed by one is left to the cart path.
    const taxProviders = new Map<string, string | null>()
    const taxProviderOf = async (country: string) => {
      if (!taxProviders.has(country)) {
        const regions = await tax.listTaxRegions({ country_code: country }, { select: ["id", "parent_id", "provider_id"] })
        taxProviders.set(country, regions.find((r) => !r.parent_id)?.provider_id ?? null)
      }
      return taxProviders.get(country) ?? null
    }

    const priced = new Map<string, PricedVariant>()
    for (const [key, group] of groups) {
      const region = regionById.get(group.region_id)
      const country = countryOf(group.region_id)
      const provider = country && region?.automatic_taxes ? await taxProviderOf(country) : null
      if (provider && provider !== SYSTEM_TAX_PROVIDER) continue
      const { data: variants }: { data: VariantRow[] } = await query.graph({
        entity: "variant",
        fields: [
          "id", "title", "sku", "barcode", "thumbnail",
          "product.id", "product.title", "product.subtitle", "product.description", "product.handle", "product.thumbnail",
          "product.discountable", "product.is_giftcard", "product.type.id", "product.type.value", "product.collection.title",
          "product.shipping_profile.id",
          "calculated_price.calculated_amount", "calculated_price.original_amount",
          "calculated_price.is_calculated_price_tax_inclusive", "calculated_price.calculated_price.price_list_type",
        ],
        filters: { id: [...group.variant_ids] },
        context: { calculated_price: QueryContext({ region_id: group.region_id, currency_code: group.currency_code }) },
      })
      const billable = variants.filter(
        (v) => v.calculated_price?.calculated_amount !== null && v.calculated_price?.calculated_amount !== undefined && !v.product.shipping_profile?.id
      )
      // As getItemTaxLinesStep asks for a cart: gift cards carry no tax; no country, no tax.
      const taxed = billable.filter((v) => !v.product.is_giftcard)
      const lines =
        country && region?.automatic_taxes && taxed.length
          ? await tax.getTaxLines(
              taxed.map((v) => ({
                id: v.id,
                product_id: v.product.id,
                product_type_id: v.product.type?.id,
                quantity: 1,
                unit_price: v.calculated_price?.calculated_amount ?? 0,
                currency_code: group.currency_code,
              })),
              { address: { country_code: country } }
            )
          : []
      for (const v of billable) {
        const mine = lines.filter((l) => "line_item_id" in l && l.line_item_id === v.id)
        priced.set(`${key}:${v.id}`, {
          variant: v,
          amount: v.calculated_price?.calculated_amount ?? 0,
          inclusive: !!v.calculated_price?.is_calculated_price_tax_inclusive,
          tax_lines: mine.map((l) => ({ description: l.name, tax_rate_id: l.rate_id, code: l.code ?? "", rate: l.rate, provider_id: l.provider_id })),
        })
      }
    }

    // A customer in a customer group may have a price list of their own: the cart path prices
    // with the customer's context, this batch only by region and currency, so such customers
    // are left to the cart path rather than billed at a price they do not pay.
    const customerIds = [...new Set(ready.map((r) => r.subscription.customer_id))]
    const { data: customers }: { data: { id: string; groups?: ({ id: string } | null)[] | null }[] } = customerIds.length
      ? await query.graph({ entity: "customer", fields: ["id", "groups.id"], filters: { id: customerIds } })
      : { data: [] }
    const grouped = new Set(customers.filter((c) => (c.groups ?? []).some(Boolean)).map((c) => c.id))

    const orders: (CreateOrderDTO & { metadata: Record<string, unknown> })[] = []
    const billed: PreparedRenewal[] = []
    const unbillable: string[] = []
    const released: ClaimedRenewalRecord[] = []
    for (const r of ready) {
      const s = r.subscription
      const p = priced.get(`${s.region_id}:${s.currency_code}:${s.variant_id}`)
      if (!p || grouped.has(s.customer_id)) {
        unbillable.push(s.id)
        released.push(r.claim)
        continue
      }
      const v = p.variant
      const cp = v.calculated_price
      const onSale =
        cp?.calculated_price?.price_list_type === PriceListType.SALE &&
        cp.original_amount !== null && cp.original_amount !== undefined &&
        !MathBN.eq(cp.original_amount, p.amount)
      billed.push(r)
      const item: RenewalLineItem = {
        quantity: 1,
        title: v.product.title,
        subtitle: v.title ?? undefined,
        thumbnail: v.thumbnail ?? v.product.thumbnail ?? undefined,
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
        is_giftcard: v.product.is_giftcard ?? false,
        requires_shipping: false,
        unit_price: p.amount,
        compare_at_unit_price: onSale && cp?.original_amount !== null ? (cp?.original_amount ?? undefined) : undefined,
        is_tax_inclusive: p.inclusive,
        tax_lines: p.tax_lines,
        metadata: {},
      }
      const country = countryOf(s.region_id)
      orders.push({
        region_id: s.region_id,
        customer_id: s.customer_id,
        sales_channel_id: s.sales_channel_id ?? undefined,
        status: "pending",
        email: s.email ?? undefined,
        currency_code: s.currency_code,
        shipping_address: country ? { country_code: country } : undefined,
        no_notification: false,
        items: [item],
        metadata: { subscription_id: s.id, subscription_period: r.claim.period_index },
      })
    }
    // Handed back: their claims go, so the per-subscription workflow can claim the period
    // itself (it takes a pending claim for another run's billing and would skip it).
    if (released.length) await container.resolve<AccessModuleService>(ACCESS_MODULE).deleteSubscriptionRenewals(released.map((c) => c.id))
    return new StepResponse({ orders, billed, unbillable }, released)
  },
  async (released, { container }) => {
    if (!released?.length) return
    await container
      .resolve<AccessModuleService>(ACCESS_MODULE)
      .createSubscriptionRenewals(released.map((c) => ({ ...c, status: "pending" as const, attempts: 0 })))
  }
)

export type AuthorizedRenewal = { subscription_id: string; order_id: string; payment: PaymentDTO }
export type DeclinedRenewal = { subscription_id: string; order_id: string; message: string }

/** A customer as the payment context needs it, with its payment account holders. */
type PaymentCustomerRow = PaymentCustomerDTO & { account_holders?: (AccountHolderDTO | null)[] | null; addresses?: ({ is_default_billing?: boolean } | null)[] | null }
type OrderLink = { [Modules.ORDER]: { order_id: string }; [Modules.PAYMENT]: { payment_collection_id: string } }
type PaymentUndo = { collection_ids: string[]; links: OrderLink[]; payment_ids: string[] }

async function undoPayments(container: MedusaContainer, undo: PaymentUndo) {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  for (const id of undo.payment_ids) {
    const [payment] = await payments.listPayments({ id }, { relations: ["captures"] })
    if (!payment || payment.canceled_at) continue
    if (payment.captures?.length) await payments.refundPayment({ payment_id: id, amount: payment.amount })
    else await payments.cancelPayment(id)
  }
  if (undo.links.length) await container.resolve(ContainerRegistrationKeys.LINK).dismiss(undo.links)
  if (undo.collection_ids.length) await payments.deletePaymentCollections(undo.collection_ids)
}

/**
 * Pays the batch's orders through Medusa's payment module as renewSubscriptionWorkflow's
 * cart path does: per order a payment collection of the order's total (created in one call
 * and linked to the orders in one call), a session with the subscription's provider and
 * saved method off-session (the customer and its account holder for that provider in its
 * context, as createPaymentSessionsWorkflow gives them; a missing holder is created and
 * linked as that workflow does), then authorization as completeCartWorkflow's last step
 * does. A declined session or authorization is an outcome, not a crash: that order, its
 * collection and link are deleted (as the cart path's compensation deletes its order) and
 * the subscription returned as declined (the caller runs dunning for it). Compensation
 * cancels the authorized payments (refunding a captured one) and deletes the collections
 * and links; a failure inside the step undoes what it did before rethrowing.
 */
export const authorizeRenewalPaymentsStep = createStep(
  "authorize-subscription-renewal-payments",
  async ({ billed, order_ids }: { billed: PreparedRenewal[]; order_ids: string[] }, { container }) => {
    const none = { authorized: [] as AuthorizedRenewal[], declined: [] as DeclinedRenewal[] }
    if (!billed.length) return new StepResponse(none, null)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const undo: PaymentUndo = { collection_ids: [], links: [], payment_ids: [] }
    try {
      const { data: orders }: { data: { id: string; total: BigNumberInput }[] } = await query.graph({
        entity: "order",
        fields: ["id", "total"],
        filters: { id: order_ids },
      })
      const totalById = new Map(orders.map((o) => [o.id, o.total]))
      const collections = await payments.createPaymentCollections(
        billed.map((r, i) => ({ currency_code: r.subscription.currency_code, amount: totalById.get(order_ids[i]) ?? 0 }))
      )
      undo.collection_ids = collections.map((c) => c.id)
      const links: OrderLink[] = billed.map((_, i) => ({
        [Modules.ORDER]: { order_id: order_ids[i] },
        [Modules.PAYMENT]: { payment_collection_id: collections[i].id },
      }))
      await link.create(links)
      undo.links = links

      const customerIds = [...new Set(billed.map((r) => r.subscription.customer_id))]
      const { data: customers }: { data: PaymentCustomerRow[] } = await query.graph({
        entity: "customer",
        fields: ["id", "email", "company_name", "first_name", "last_name", "phone", "addresses.*", "account_holders.*", "metadata"],
        filters: { id: customerIds },
      })
      const customerById = new Map(customers.map((c) => [c.id, c]))
      const holders = new Map<string, AccountHolderDTO | undefined>()
      const paymentCustomer = (customerId: string, email: string | null): PaymentCustomerDTO => {
        const c = customerById.get(customerId)
        if (!c) return { id: customerId, email: email ?? "" }
        const { account_holders: _h, addresses, ...fields } = c
        const billing = (addresses ?? []).find((a) => a?.is_default_billing) ?? addresses?.[0] ?? undefined
        return { ...fields, billing_address: billing ?? undefined } as PaymentCustomerDTO
      }
      /** The customer's account holder for the provider; created and linked once when missing (createPaymentSessionsWorkflow does so). */
      const holderFor = async (customerId: string, email: string | null, providerId: string) => {
        const key = `${customerId}:${providerId}`
        if (holders.has(key)) return holders.get(key)
        const existing = (customerById.get(customerId)?.account_holders ?? []).find((h) => h?.provider_id === providerId) ?? undefined
        let holder: AccountHolderDTO | undefined = existing
        if (!holder) {
          const created = await payments.createAccountHolder({ provider_id: providerId, context: { customer: paymentCustomer(customerId, email) } })
          if (created?.id) {
            await link.create({ [Modules.CUSTOMER]: { customer_id: customerId }, [Modules.PAYMENT]: { account_holder_id: created.id } })
            holder = created
          }
        }
        holders.set(key, holder)
        return holder
      }

      // One after another, before the payments run side by side: a customer with several
      // subscriptions gets one account holder per provider, not one per payment.
      for (const r of billed) await holderFor(r.subscription.customer_id, r.subscription.email ?? null, r.subscription.payment_provider_id)

      const authorized: AuthorizedRenewal[] = []
      const declined: (DeclinedRenewal & { index: number })[] = []
      let next = 0
      await Promise.all(
        Array.from({ length: Math.min(PAYMENT_CONCURRENCY, billed.length) }, async () => {
          while (next < billed.length) {
            const i = next++
            const s = billed[i].subscription
            const holder = await holderFor(s.customer_id, s.email ?? null, s.payment_provider_id)
            try {
              const session = await payments.createPaymentSession(collections[i].id, {
                provider_id: s.payment_provider_id,
                currency_code: s.currency_code,
                amount: collections[i].amount,
                data: { ...(s.payment_method_ref ?? {}), off_session: true, confirm: true },
                context: { customer: paymentCustomer(s.customer_id, s.email ?? null), account_holder: holder, idempotency_key: billed[i].claim.id },
              })
              const payment = await payments.authorizePaymentSession(session.id, {})
              if (!payment) throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, "Payment authorization failed")
              undo.payment_ids.push(payment.id)
              authorized.push({ subscription_id: s.id, order_id: order_ids[i], payment })
            } catch (e) {
              declined.push({ index: i, subscription_id: s.id, order_id: order_ids[i], message: e instanceof Error ? e.message : String(e) })
            }
          }
        })
      )
      if (declined.length) {
        // As the cart path's compensation does for a declined charge: no order, no collection.
        const gone = new Set(declined.map((d) => d.index))
        const declinedLinks = links.filter((_, i) => gone.has(i))
        await link.dismiss(declinedLinks)
        await payments.deletePaymentCollections(declined.map((d) => collections[d.index].id))
        await container.resolve<IOrderModuleService>(Modules.ORDER).deleteOrders(declined.map((d) => d.order_id))
        undo.links = links.filter((_, i) => !gone.has(i))
        undo.collection_ids = collections.filter((_, i) => !gone.has(i)).map((c) => c.id)
      }
      return new StepResponse(
        { authorized, declined: declined.map(({ index: _i, ...d }) => d) },
        undo
      )
    } catch (e) {
      await undoPayments(container, undo)
      throw e
    }
  },
  async (undo, { container }) => {
    if (!undo) return
    await undoPayments(container, undo)
  }
)

type SubscriptionBefore = SubscriptionFields & { id: string }

/**
 * Records the batch's paid periods and advances their subscriptions (completed after the
 * last installment), as renewSubscriptionWorkflow's mark-paid and advance steps do one at a
 * time, here in two bulk module calls. Declined periods' claims are deleted (the caller's
 * dunning records them as failed, as after the per-subscription path's rollback).
 * Compensation writes back the records and subscriptions as they were.
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
    const dropped = billed.filter((r) => declinedSubs.has(r.subscription.id)).map((r) => r.claim)
    if (dropped.length) await service.deleteSubscriptionRenewals(dropped.map((c) => c.id))
    const fields = ["id", "status", "payments_made", "current_period_start", "current_period_end", "next_charge_at", "failed_attempts", "past_due_since"]
    const before: SubscriptionBefore[] = paid.length
      ? await service.listSubscriptions({ id: paid.map((r) => r.subscription.id) }, { select: fields, take: paid.length })
      : []
    if (paid.length) {
      await service.updateSubscriptionRenewals(
        paid.map((r) => ({ id: r.claim.id, status: "paid" as const, order_id: orderBySub.get(r.subscription.id) ?? null, attempts: 1, last_error: null }))
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
    }
    return new StepResponse(paid.length, { dropped, renewals: paid.map((r) => r.claim.id), subscriptions: before })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    if (undo.subscriptions.length) await service.updateSubscriptions(undo.subscriptions)
    if (undo.renewals.length) {
      await service.updateSubscriptionRenewals(undo.renewals.map((id) => ({ id, status: "pending" as const, order_id: null, attempts: 0 })))
    }
    if (undo.dropped.length) {
      await service.createSubscriptionRenewals(undo.dropped.map((c) => ({ ...c, status: "pending" as const, attempts: 0 })))
    }
  }
)
