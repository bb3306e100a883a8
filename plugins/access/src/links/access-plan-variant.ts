import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import AccessModule from "../modules/access"

// Read-only: a variant's access plan, for query.graph (plans keep the variant id).
export default defineLink(
  { linkable: AccessModule.linkable.accessPlan.id, field: "variant_id" },
  ProductModule.linkable.productVariant,
  { readOnly: true }
)
