import { Modules } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { dismissOrgLinks, linkCreatedToOrg } from "./link-to-org"

// Products created with additional_data.org_id are owned by that org (src/links/org-product.ts).
createProductsWorkflow.hooks.productsCreated(
  async ({ products, additional_data }, { container }) =>
    linkCreatedToOrg(container, additional_data, Modules.PRODUCT, "product_id", products.map((p) => p.id)),
  async (links, { container }) => dismissOrgLinks(links, container)
)
