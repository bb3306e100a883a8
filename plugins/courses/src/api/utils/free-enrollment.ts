import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { completeCartWorkflow, createCartWorkflow } from "@medusajs/medusa/core-flows"
import { decideFreeEnrollment, FreeEnrollmentDecision, isExactlyZero, pickFreeVariant, type Price } from "../../rules/free-enrollment"
import { storeCustomerId } from "./store-courses"
import type { AccessModuleService } from "@volmify/access/modules/access"

/** A variant with its prices, as freeVariantOf reads it. */
type VariantPricesRow = { id: string; price_set?: { prices?: Price[] | null } | null }
/** The rows enrollForFree reads with Query (a plugin's graph data is untyped). */
type RegionRow = { id: string; currency_code: string }
type OrgChannelRow = { id: string; sales_channel_id: string }
type OrderRow = { id: string; display_id?: number | null; total: unknown; currency_code: string; customer_id: string }

export type FreeEnrollmentResult = {
  status: "enrolled" | "already_enrolled"
  customer_id: string
  order: { id: string; display_id: number | null; total: number; currency_code: string } | null
}

/**
 * A 409 the route answers itself: Medusa's error handler replaces a CONFLICT's message with
 * a generic retry hint, and "log in first" is what the visitor must read.
 */
export class EnrollmentConflict extends Error {
  constructor(
    message: string,
    public code: string
  ) {
    super(message)
  }
}

function refuse(decision: Exclude<FreeEnrollmentDecision, { allowed: true }>): never {
  if (decision.status === 409) throw new EnrollmentConflict(decision.message, decision.code)
  const type = decision.status === 401 ? MedusaError.Types.UNAUTHORIZED : MedusaError.Types.INVALID_DATA
  throw new MedusaError(type, decision.message, decision.code)
}

/**
 * The course's free variant in the region's currency (rules/free-enrollment.ts), read in
 * two queries: the product's access-planned variants with their base prices, the region.
 */
async function freeVariantOf(req: MedusaStoreRequest, productId: string, regionId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const access = req.scope.resolve<AccessModuleService>("access")
  const [{ data: regions }, plans] = await Promise.all([
    query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: regionId } }),
    access.listAccessPlans({ product_id: productId }, { select: ["variant_id", "tier"] }),
  ])
  const region = (regions as (RegionRow | undefined)[])[0]
  if (!region) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `region_id "${regionId}" is not a region of this store`)
  }
  if (!plans.length) return { region, variant: null }
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "price_set.prices.amount", "price_set.prices.currency_code", "price_set.prices.price_list_id", "price_set.prices.rules_count"],
    filters: { id: plans.map((p) => p.variant_id) },
  })
  const tierOf = new Map(plans.map((p) => [p.variant_id, p.tier]))
  const variant = pickFreeVariant(
    (variants as VariantPricesRow[]).map((v) => ({ id: v.id, tier: tierOf.get(v.id) ?? 1, prices: v.price_set?.prices ?? [] })),
    region.currency_code
  )
  return { region, variant }
}

/**
 * Enrolls the caller (a logged-in customer, or an email on a lead magnet) in a free
 * course through a zero-total order: a cart of the org's channel with the free variant,
 * completed with no payment (Medusa skips payment for a zero total). The order then takes
 * the ordinary path: order.placed joins the org, grants the tier, enrolls. One request per
 * customer and course at a time (lock); whoever already holds the tier gets no new order.
 */
export async function enrollForFree(
  req: MedusaStoreRequest,
  course: { id: string; org_id: string; product_id: string; lead_magnet?: boolean },
  body: { email?: string; region_id: string }
): Promise<FreeEnrollmentResult> {
  const customerId = storeCustomerId(req)
  const email = body.email ? body.email.trim().toLowerCase() : null
  const [{ region, variant }, accounts] = await Promise.all([
    freeVariantOf(req, course.product_id, body.region_id),
    !customerId && email
      ? req.scope.resolve(Modules.CUSTOMER).listCustomers({ email }, { select: ["id", "has_account"] })
      : Promise.resolve([] as { id: string; has_account: boolean }[]),
  ])
  const decision = decideFreeEnrollment({
    has_free_variant: !!variant,
    customer_id: customerId,
    lead_magnet: !!course.lead_magnet,
    email,
    email_has_account: accounts.some((c) => c.has_account),
  })
  if (!decision.allowed) refuse(decision)

  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orgs } = await query.graph({ entity: "org", fields: ["id", "sales_channel_id"], filters: { id: course.org_id } })
  const [org] = orgs as OrgChannelRow[]
  const guestId = accounts.find((c) => !c.has_account)?.id ?? null
  const locking = req.scope.resolve(Modules.LOCKING)
  return locking.execute(
    `free-enrollment:${course.id}:${customerId ?? email}`,
    async () => {
      const holder = customerId ?? guestId
      if (holder) {
        const { tier } = await req.scope.resolve<AccessModuleService>("access").getTierAndPlanStamp(holder, course.product_id)
        if (tier >= variant!.tier) return { status: "already_enrolled" as const, customer_id: holder, order: null }
      }
      const { result: cart } = await createCartWorkflow(req.scope).run({
        input: {
          region_id: region.id,
          sales_channel_id: org.sales_channel_id,
          ...(customerId ? { customer_id: customerId } : { email: email! }),
          items: [{ variant_id: variant!.id, quantity: 1 }],
        },
      })
      const {
        data: [priced],
      } = await query.graph({ entity: "cart", fields: ["id", "total"], filters: { id: cart.id } })
      // A price rule (customer group, quantity) can still price it: then it is not free here.
      if (!isExactlyZero(priced?.total)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "This course has no free tier in your region", "not_free")
      }
      const { result } = await completeCartWorkflow(req.scope).run({ input: { id: cart.id } })
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id", "display_id", "total", "currency_code", "customer_id"],
        filters: { id: result.id },
      })
      const [order] = orders as OrderRow[]
      return {
        status: "enrolled" as const,
        customer_id: order.customer_id,
        order: { id: order.id, display_id: order.display_id ?? null, total: Number(order.total), currency_code: order.currency_code },
      }
    },
    { timeout: 30 }
  )
}
