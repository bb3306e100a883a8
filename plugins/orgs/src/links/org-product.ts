import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import OrgModule from "../modules/org"

// The products an org owns. A product has at most one owner org.
export default defineLink(OrgModule.linkable.org, {
  linkable: ProductModule.linkable.product,
  isList: true,
})
