import { Module } from "@medusajs/framework/utils"
import LedgerModuleService from "./service"
import checkInstall from "./loaders/check-install"

export const LEDGER_MODULE = "ledger"

export default Module(LEDGER_MODULE, {
  service: LedgerModuleService,
  loaders: [checkInstall],
})

export { LedgerModuleService }
export * from "./service"
