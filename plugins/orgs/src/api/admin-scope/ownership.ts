import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import OrgPriceListLink from "../../links/org-price-list"
import OrgProductLink from "../../links/org-product"
import OrgPromotionLink from "../../links/org-promotion"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import type { OrgScope } from "../utils/admin-actor"

/** What the org owns, read with query.graph on the link tables and the org module. */
export class Ownership {
  constructor(
    private readonly req: MedusaRequest,
    private readonly scope: OrgScope
  ) {}

  private get query() {
    return this.req.scope.resolve(ContainerRegistrationKeys.QUERY)
  }

  private async linked(entryPoint: string, field: string, ids?: string[]): Promise<string[]> {
    const filters: Record<string, unknown> = { org_id: this.scope.org_id }
    if (ids) {
      filters[field] = ids
    }
    const { data } = await this.query.graph({ entity: entryPoint, fields: [field], filters })
    return data.map((row: Record<string, string>) => row[field])
  }

  productIds(ids?: string[]) {
    return this.linked(OrgProductLink.entryPoint, "product_id", ids)
  }

  promotionIds(ids?: string[]) {
    return this.linked(OrgPromotionLink.entryPoint, "promotion_id", ids)
  }

  priceListIds(ids?: string[]) {
    return this.linked(OrgPriceListLink.entryPoint, "price_list_id", ids)
  }

  async customerIds(ids?: string[]): Promise<string[]> {
    const orgs = this.req.scope.resolve<OrgModuleService>(ORG_MODULE)
    const filters: Record<string, unknown> = { org_id: this.scope.org_id }
    if (ids) {
      filters.customer_id = ids
    }
    const members = await orgs.listOrgMembers(filters, { select: ["customer_id"] })
    return members.map((m) => m.customer_id)
  }

  /** Variants (id -> product_id) among `ids`. */
  async variantProducts(ids: string[]): Promise<Map<string, string>> {
    const { data } = await this.query.graph({
      entity: "product_variant",
      fields: ["id", "product_id"],
      filters: { id: ids },
    })
    return new Map(data.map((v: { id: string; product_id: string }) => [v.id, v.product_id]))
  }

  /** True when every variant in `ids` exists and belongs to one of the org's products. */
  async ownsVariants(ids: string[]): Promise<boolean> {
    const unique = [...new Set(ids)]
    if (!unique.length) {
      return true
    }
    const products = await this.variantProducts(unique)
    if (products.size !== unique.length) {
      return false
    }
    const owned = await this.productIds([...new Set(products.values())])
    return [...products.values()].every((p) => owned.includes(p))
  }

  /** Inventory items linked to variants of the org's products. */
  async inventoryItemIds(): Promise<string[]> {
    const productIds = await this.productIds()
    if (!productIds.length) {
      return []
    }
    const { data } = await this.query.graph({
      entity: "product_variant",
      fields: ["id", "inventory_items.inventory_item_id"],
      filters: { product_id: productIds },
    })
    const ids = new Set<string>()
    for (const variant of data as { inventory_items?: { inventory_item_id: string }[] }[]) {
      for (const link of variant.inventory_items ?? []) {
        ids.add(link.inventory_item_id)
      }
    }
    return [...ids]
  }

  /** The products whose variants use inventory item `id`. */
  async productsOfInventoryItem(id: string): Promise<string[]> {
    const { data } = await this.query.graph({ entity: "inventory_item", fields: ["id", "variants.product_id"], filters: { id } })
    return ((data[0]?.variants ?? []) as { product_id: string }[]).filter(Boolean).map((v) => v.product_id)
  }

  /** The store's default sales channel (the dashboard's product form reads it). */
  async storeDefaultChannelId(): Promise<string | null> {
    const { data } = await this.query.graph({ entity: "store", fields: ["id", "default_sales_channel_id"] })
    return data[0]?.default_sales_channel_id ?? null
  }

  /** A shared product option, or one exclusive to one of the org's products. */
  async ownsProductOption(id: string): Promise<boolean> {
    const { data } = await this.query.graph({
      entity: "product_option",
      fields: ["id", "is_exclusive", "products.id"],
      filters: { id },
    })
    if (data.length !== 1) return false
    if (!data[0].is_exclusive) return true
    const productIds = (data[0].products ?? []).map((p: { id: string }) => p.id)
    return productIds.length > 0 && (await this.productIds(productIds)).length === productIds.length
  }

  /**
   * Payments among `ids` (all of the org's when omitted) whose payment collection belongs
   * to an order placed in the org's sales channel. A payment whose collection has no order
   * (a cart whose completion failed after authorizing) is no org's: platform only.
   */
  async paymentIds(ids?: string[]): Promise<string[]> {
    if (ids) {
      if (!ids.length) return []
      const { data }: { data: { id: string; payment_collection?: { order?: { sales_channel_id?: string | null } | null } | null }[] } = await this.query.graph({
        entity: "payment",
        fields: ["id", "payment_collection.order.sales_channel_id"],
        filters: { id: ids },
      })
      return data
        .filter((p) => p.payment_collection?.order?.sales_channel_id === this.scope.sales_channel_id)
        .map((p) => p.id)
    }
    const { data }: { data: { id: string; payment_collections?: ({ payments?: { id: string }[] | null } | null)[] | null }[] } = await this.query.graph({
      entity: "order",
      fields: ["id", "payment_collections.payments.id"],
      filters: { sales_channel_id: this.scope.sales_channel_id },
    })
    return data.flatMap((o) => (o.payment_collections ?? []).flatMap((pc) => (pc?.payments ?? []).map((p) => p.id)))
  }

  /** The order (or draft) `id`, when it was placed in the org's sales channel. */
  async ownsOrder(id: string, draft: boolean): Promise<boolean> {
    const { data } = await this.query.graph({
      entity: "order",
      fields: ["id", "sales_channel_id", "is_draft_order"],
      filters: { id, is_draft_order: draft },
    })
    return data.length === 1 && data[0].sales_channel_id === this.scope.sales_channel_id
  }
}
