import { defineLink } from "@medusajs/framework/utils"
import ApiKeyModule from "@medusajs/medusa/api-key"
import OrgModule from "../modules/org"

// An org's publishable keys (all scoped to the org's one sales channel).
export default defineLink(OrgModule.linkable.org, {
  linkable: ApiKeyModule.linkable.apiKey,
  isList: true,
})
