import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveAdminActor } from "../utils/admin-actor"
import type { ScopedRequest } from "./gate"
import { Ownership } from "./ownership"
import { collectBodyIds, IdKind, OwnedKind, PLAIN_SHARED, PREFIX_KIND } from "./id-kinds"
import type { Rule } from "./types"

/**
 * The body-id guard: every id a write carries (body at any depth, batch arrays included,
 * and path parameters the row does not declare) must be the org's, or shared platform
 * data the row names in `bodyIds`. Anything else answers 404, like a foreign path id.
 *
 * Ids are recognised by shape (Medusa's `<prefix>_<ULID>`), their kind by prefix, their
 * org through the owning entity: two rounds of one query per kind present (children to
 * their product / promotion / price list, then those to the org), never one per id.
 */

/** What an id hangs off: the org itself, or a product / promotion / price list of it. */
type Parent =
  | { ok: true }
  | { shared: true }
  | { product: string[] }
  | { promotion: string[] }
  | { price_list: string }
  | { customer: string }
  | { none: true }

type Row = Record<string, any>
const list = (v: Row | Row[] | null | undefined): Row[] => (Array.isArray(v) ? v.filter(Boolean) : v ? [v] : [])

export class BodyIdCheck {
  constructor(
    private readonly req: MedusaRequest,
    private readonly own: Ownership,
    private readonly scope: { org_id: string; sales_channel_id: string },
    private readonly userId: string
  ) {}

  private async graph(entity: string, fields: string[], ids: string[]): Promise<Row[]> {
    const query = this.req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity, fields, filters: { id: ids } })
    return data as Row[]
  }

  /** Round one: each id of a kind to what owns it (ids not found map to nothing). */
  private async parents(kind: OwnedKind, ids: string[]): Promise<Map<string, Parent>> {
    const out = new Map<string, Parent>()
    const exclusive = (option: Row | undefined): Parent =>
      !option ? { none: true } : option.is_exclusive ? { product: list(option.products).map((p) => p.id) } : { shared: true }
    switch (kind) {
      case "product":
      case "promotion":
        ids.forEach((id) => out.set(id, { [kind]: [id] } as Parent))
        break
      case "price_list":
        ids.forEach((id) => out.set(id, { price_list: id }))
        break
      case "customer":
        ids.forEach((id) => out.set(id, { customer: id }))
        break
      case "sales_channel":
        ids.forEach((id) => out.set(id, id === this.scope.sales_channel_id ? { ok: true } : { none: true }))
        break
      case "org":
        ids.forEach((id) => out.set(id, id === this.scope.org_id ? { ok: true } : { none: true }))
        break
      case "user":
        ids.forEach((id) => out.set(id, id === this.userId ? { ok: true } : { none: true }))
        break
      case "variant":
      case "product_image":
        for (const r of await this.graph(kind === "variant" ? "product_variant" : "product_image", ["id", "product_id"], ids)) {
          out.set(r.id, { product: [r.product_id] })
        }
        break
      case "product_option":
        for (const r of await this.graph("product_option", ["id", "is_exclusive", "products.id"], ids)) {
          out.set(r.id, exclusive(r))
        }
        break
      case "product_option_value":
        for (const r of await this.graph("product_option_value", ["id", "option.is_exclusive", "option.products.id"], ids)) {
          out.set(r.id, exclusive(r.option))
        }
        break
      case "inventory_item":
        for (const r of await this.graph("inventory_item", ["id", "variants.product_id"], ids)) {
          out.set(r.id, { product: list(r.variants).map((v) => v.product_id) })
        }
        break
      case "inventory_level":
        for (const r of await this.graph("inventory_level", ["id", "inventory_item.variants.product_id"], ids)) {
          out.set(r.id, { product: list(r.inventory_item?.variants).map((v) => v.product_id) })
        }
        break
      case "price":
        for (const r of await this.graph("price", ["id", "price_list_id", "price_set.variant.product_id"], ids)) {
          out.set(
            r.id,
            r.price_list_id ? { price_list: r.price_list_id } : { product: list(r.price_set?.variant).map((v) => v.product_id) }
          )
        }
        break
      case "promotion_rule":
        for (const r of await this.graph(
          "promotion_rule",
          ["id", "promotions.id", "method_target_rules.promotion.id", "method_buy_rules.promotion.id"],
          ids
        )) {
          const promotions = [
            ...list(r.promotions).map((p) => p.id),
            ...list(r.method_target_rules).map((m) => m.promotion?.id),
            ...list(r.method_buy_rules).map((m) => m.promotion?.id),
          ].filter(Boolean)
          out.set(r.id, { promotion: promotions })
        }
        break
      case "order":
        for (const r of await this.graph("order", ["id", "sales_channel_id"], ids)) {
          out.set(r.id, r.sales_channel_id === this.scope.sales_channel_id ? { ok: true } : { none: true })
        }
        break
      case "payment":
        for (const id of await this.own.paymentIds(ids)) out.set(id, { ok: true })
        break
    }
    return out
  }

  /**
   * The first id of `ids` (id -> prefix) the org may not name on `rule`, or null.
   * `within` narrows children to the product or promotion of the path (`:id`): a rule
   * or a variant of the org's other promotion / product is refused there too.
   */
  async firstForeign(
    ids: Map<string, string>,
    rule: Rule,
    within: { product?: string; promotion?: string }
  ): Promise<{ id: string; kind: string } | null> {
    const allowed = new Set<IdKind>(rule.bodyIds ?? [])
    const byKind = new Map<OwnedKind, string[]>()
    for (const [id, prefix] of ids) {
      const kind = PREFIX_KIND[prefix]
      if (!kind || (PLAIN_SHARED.has(kind) && !allowed.has(kind))) return { id, kind: kind ?? prefix }
      if (PLAIN_SHARED.has(kind)) continue
      const owned = kind as OwnedKind
      byKind.set(owned, [...(byKind.get(owned) ?? []), id])
    }
    const resolved = new Map<string, { kind: OwnedKind; parent: Parent }>()
    await Promise.all(
      [...byKind].map(async ([kind, kindIds]) => {
        const parents = await this.parents(kind, kindIds)
        for (const id of kindIds) resolved.set(id, { kind, parent: parents.get(id) ?? { none: true } })
      })
    )
    const need = { product: new Set<string>(), promotion: new Set<string>(), price_list: new Set<string>(), customer: new Set<string>() }
    for (const { parent } of resolved.values()) {
      if ("product" in parent) parent.product.forEach((p) => need.product.add(p))
      if ("promotion" in parent) parent.promotion.forEach((p) => need.promotion.add(p))
      if ("price_list" in parent) need.price_list.add(parent.price_list)
      if ("customer" in parent) need.customer.add(parent.customer)
    }
    const ask = (set: Set<string>, read: (ids: string[]) => Promise<string[]>) =>
      set.size ? read([...set]).then((owned) => new Set(owned)) : Promise.resolve(new Set<string>())
    const [products, promotions, priceLists, customers] = await Promise.all([
      ask(need.product, (x) => this.own.productIds(x)),
      ask(need.promotion, (x) => this.own.promotionIds(x)),
      ask(need.price_list, (x) => this.own.priceListIds(x)),
      ask(need.customer, (x) => this.own.customerIds(x)),
    ])
    for (const [id, { kind, parent }] of resolved) {
      let ok = false
      if ("ok" in parent) ok = true
      else if ("shared" in parent) ok = allowed.has("product_option")
      else if ("product" in parent) {
        const inPath = kind === "product" || kind === "inventory_item" || !within.product || parent.product.includes(within.product)
        ok = parent.product.length > 0 && parent.product.every((p) => products.has(p)) && inPath
      } else if ("promotion" in parent) {
        const inPath = kind === "promotion" || !within.promotion || parent.promotion.includes(within.promotion)
        ok = parent.promotion.length > 0 && parent.promotion.every((p) => promotions.has(p)) && inPath
      } else if ("price_list" in parent) ok = priceLists.has(parent.price_list)
      else if ("customer" in parent) ok = customers.has(parent.customer)
      if (!ok) return { id, kind }
    }
    return null
  }
}

const label = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1).replace(/_/g, " ")

/**
 * Route middleware for every write row (same matcher and method, after core's body
 * validation): the raw and the validated body, and the path parameters the row does not
 * check itself, may only name what the org owns or what the row shares.
 */
export const guardBodyIds =
  (rule: Rule) => async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const scoped = req as ScopedRequest
    if (!scoped.volmifyScope) {
      if ((await resolveAdminActor(req)).kind === "platform") return next()
      throw new MedusaError(MedusaError.Types.FORBIDDEN, `${req.method} ${req.path} is not scoped`)
    }
    const { scope, params } = scoped.volmifyScope
    const undeclared = Object.fromEntries(Object.entries(params).filter(([name]) => !rule.params?.[name]))
    const ids = collectBodyIds([req.body, req.validatedBody, undeclared])
    if (!ids.size) return next()
    const actor = await resolveAdminActor(req)
    const check = new BodyIdCheck(req, new Ownership(req, scope), scope, actor.user_id)
    const within = {
      product: rule.params?.id === "product" ? params.id : undefined,
      promotion: rule.params?.id === "promotion" ? params.id : undefined,
    }
    const foreign = await check.firstForeign(ids, rule, within)
    if (foreign) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `${label(foreign.kind)} with id: ${foreign.id} was not found`)
    }
    next()
  }
