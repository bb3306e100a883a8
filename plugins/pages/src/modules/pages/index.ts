import { Module } from "@medusajs/framework/utils"
import PagesModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const PAGES_MODULE = "pages"

export default Module(PAGES_MODULE, {
  service: PagesModuleService,
  loaders: [checkInstall],
})

export { PagesModuleService }
