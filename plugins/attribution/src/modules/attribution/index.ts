import { Module } from "@medusajs/framework/utils"
import AttributionModuleService from "./service"

export const ATTRIBUTION_MODULE = "attribution"

export default Module(ATTRIBUTION_MODULE, {
  service: AttributionModuleService,
})

export { AttributionModuleService }
