import { defineLink } from "@medusajs/framework/utils"
import PricingModule from "@medusajs/medusa/pricing"
import OrgModule from "../modules/org"

// The price lists an org owns (created by its staff in the admin).
export default defineLink(OrgModule.linkable.org, {
  linkable: PricingModule.linkable.priceList,
  isList: true,
})
