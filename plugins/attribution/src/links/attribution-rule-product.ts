import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import AttributionModule from "../modules/attribution"

// Read-only: a rule's product, for query.graph (rules keep the product id).
export default defineLink(
  { linkable: AttributionModule.linkable.attributionRule.id, field: "product_id" },
  ProductModule.linkable.product,
  { readOnly: true }
)
