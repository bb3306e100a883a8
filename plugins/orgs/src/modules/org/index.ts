import { Module } from "@medusajs/framework/utils"
import OrgModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const ORG_MODULE = "org"

export default Module(ORG_MODULE, {
  service: OrgModuleService,
  loaders: [checkInstall],
})

export { OrgModuleService }
