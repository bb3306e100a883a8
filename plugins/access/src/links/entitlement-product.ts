import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import AccessModule from "../modules/access"

// Read-only: an entitlement's product, for query.graph.
export default defineLink(
  { linkable: AccessModule.linkable.entitlement.id, field: "product_id" },
  ProductModule.linkable.product,
  { readOnly: true }
)
