import { Module } from "@medusajs/framework/utils"
import AffiliatesModuleService from "./service"

export const AFFILIATES_MODULE = "affiliates"

export default Module(AFFILIATES_MODULE, {
  service: AffiliatesModuleService,
})

export { AffiliatesModuleService }
