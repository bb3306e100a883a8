import { Module } from "@medusajs/framework/utils"
import OrgModuleService from "./service"

export const ORG_MODULE = "org"

export default Module(ORG_MODULE, {
  service: OrgModuleService,
})

export { OrgModuleService }
