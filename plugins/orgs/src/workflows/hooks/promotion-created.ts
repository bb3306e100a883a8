import { Modules } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { dismissOrgLinks, linkCreatedToOrg } from "./link-to-org"

// Promotions created with additional_data.org_id are owned by that org (src/links/org-promotion.ts).
createPromotionsWorkflow.hooks.promotionsCreated(
  async ({ promotions, additional_data }, { container }) =>
    linkCreatedToOrg(container, additional_data, Modules.PROMOTION, "promotion_id", promotions.map((p) => p.id)),
  async (links, { container }) => dismissOrgLinks(links, container)
)
