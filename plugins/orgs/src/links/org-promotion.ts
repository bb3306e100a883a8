import { defineLink } from "@medusajs/framework/utils"
import PromotionModule from "@medusajs/medusa/promotion"
import OrgModule from "../modules/org"

// The promotions an org owns (created by its staff in the admin).
export default defineLink(OrgModule.linkable.org, {
  linkable: PromotionModule.linkable.promotion,
  isList: true,
})
