import { Module } from "@medusajs/framework/utils"
import AffiliatesModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const AFFILIATES_MODULE = "affiliates"

export default Module(AFFILIATES_MODULE, {
  service: AffiliatesModuleService,
  loaders: [checkInstall],
})

export { AffiliatesModuleService }
