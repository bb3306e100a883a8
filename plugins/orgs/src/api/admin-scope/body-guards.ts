import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { resolveAdminActor } from "../utils/admin-actor"
import type { ScopedRequest } from "./gate"
import { Ownership } from "./ownership"
import { createPriceListForOrg } from "./price-lists"
import type { BodyGuard } from "./types"

type Body = Record<string, any>
type Ctx = {
  req: ScopedRequest
  res: MedusaResponse
  body: Body
  own: Ownership
  orgId: string
  channelId: string
  params: Record<string, string>
}

const forbidden = (message: string) => new MedusaError(MedusaError.Types.FORBIDDEN, message)
const ids = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((x) => (typeof x === "string" ? x : x?.id)).filter(Boolean) : []

/** The attribute of the rule that keeps an org's promotion to the org's storefront. */
export const CHANNEL_RULE_ATTRIBUTE = "sales_channel_id"

const noCampaign = (body: Body) => {
  if (body.campaign || body.campaign_id) {
    throw forbidden("Campaigns are shared by all orgs: org staff create promotions without one")
  }
}

/** Each guard checks or rewrites the validated body; `true` = it answered the request. */
const GUARDS: Record<BodyGuard, (ctx: Ctx) => Promise<boolean | void>> = {
  product_create: async ({ body, orgId, channelId }) => {
    body.sales_channels = [{ id: channelId }]
    body.additional_data = { ...(body.additional_data ?? {}), org_id: orgId }
  },
  product_update: async ({ body, channelId }) => {
    if (body.sales_channels && ids(body.sales_channels).some((id) => id !== channelId)) {
      throw forbidden("Org staff can only put products in their org's sales channel")
    }
  },
  variants_batch: async ({ body, own, params }) => {
    const touched = [...ids(body.update), ...ids(body.delete)]
    if (!touched.length) return
    const products = await own.variantProducts(touched)
    const stray = touched.find((id) => products.get(id) !== params.id)
    if (stray) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant with id: ${stray} was not found`)
    }
  },
  promotion_create: async ({ body, orgId, channelId }) => {
    noCampaign(body)
    body.additional_data = { ...(body.additional_data ?? {}), org_id: orgId }
    const rules = (body.rules ?? []).filter((r: Body) => r.attribute !== CHANNEL_RULE_ATTRIBUTE)
    rules.push({ attribute: CHANNEL_RULE_ATTRIBUTE, operator: "in", values: [channelId] })
    body.rules = rules
  },
  promotion_update: async ({ body }) => noCampaign(body),
  promotion_rules_batch: async ({ req, body, params }) => {
    const writes = [...(body.create ?? []), ...(body.update ?? [])]
    if (writes.some((r: Body) => r.attribute === CHANNEL_RULE_ATTRIBUTE)) {
      throw forbidden("The sales channel rule of an org's promotion is fixed")
    }
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "promotion",
      fields: ["id", "rules.id", "rules.attribute"],
      filters: { id: params.id },
    })
    const channelRules = (data[0]?.rules ?? [])
      .filter((r: Body) => r?.attribute === CHANNEL_RULE_ATTRIBUTE)
      .map((r: Body) => r.id)
    if ([...ids(body.update), ...ids(body.delete)].some((id) => channelRules.includes(id))) {
      throw forbidden("The sales channel rule of an org's promotion is fixed")
    }
  },
  price_list_create: async ({ req, res, body, own, orgId }) => {
    if (!(await own.ownsVariants((body.prices ?? []).map((p: Body) => p.variant_id)))) {
      throw forbidden("Org staff can only price their org's variants")
    }
    await createPriceListForOrg(req, res, orgId)
    return true
  },
  price_list_prices_batch: async ({ req, body, own, params }) => {
    const variants = [...(body.create ?? []), ...(body.update ?? [])].map((p: Body) => p.variant_id)
    if (!(await own.ownsVariants(variants))) {
      throw forbidden("Org staff can only price their org's variants")
    }
    const priceIds = [...ids(body.update), ...ids(body.delete)]
    if (priceIds.length) {
      const pricing = req.scope.resolve(Modules.PRICING)
      const prices = await pricing.listPrices({ id: priceIds, price_list_id: [params.id] }, { select: ["id"] })
      if (prices.length !== new Set(priceIds).size) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, "Some prices are not in this price list")
      }
    }
  },
  price_list_products: async ({ body, own }) => {
    const remove = ids(body.remove)
    if (remove.length && (await own.productIds(remove)).length !== new Set(remove).size) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "Some products were not found")
    }
  },
}

/**
 * Route middleware (same matcher and method as the core route, after core's body
 * validation): applies a body guard for org staff. Platform operators pass untouched.
 */
export const guardBody =
  (guard: BodyGuard) => async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const scoped = req as ScopedRequest
    if (!scoped.volmifyScope) {
      if ((await resolveAdminActor(req)).kind === "platform") {
        return next()
      }
      throw forbidden(`${req.method} ${req.path} is not scoped`)
    }
    const { scope, params } = scoped.volmifyScope
    const body = (req.validatedBody ?? req.body ?? {}) as Body
    const answered = await GUARDS[guard]({
      req: scoped,
      res,
      body,
      own: new Ownership(req, scope),
      orgId: scope.org_id,
      channelId: scope.sales_channel_id,
      params,
    })
    if (!answered) {
      next()
    }
  }
