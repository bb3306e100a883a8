import { Module } from "@medusajs/framework/utils"
import PageViewsModuleService from "./service"

// Not "analytics": that key is Medusa's own Analytics module (Modules.ANALYTICS).
export const PAGE_VIEWS_MODULE = "pageViews"

export default Module(PAGE_VIEWS_MODULE, {
  service: PageViewsModuleService,
})

export { PageViewsModuleService }
