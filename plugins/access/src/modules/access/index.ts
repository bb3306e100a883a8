import { Module } from "@medusajs/framework/utils"
import AccessModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const ACCESS_MODULE = "access"

export default Module(ACCESS_MODULE, {
  service: AccessModuleService,
  loaders: [checkInstall],
})

export { AccessModuleService }
