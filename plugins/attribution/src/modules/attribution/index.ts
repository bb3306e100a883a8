import { Module } from "@medusajs/framework/utils"
import AttributionModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const ATTRIBUTION_MODULE = "attribution"

export default Module(ATTRIBUTION_MODULE, {
  service: AttributionModuleService,
  loaders: [checkInstall],
})

export { AttributionModuleService }
