import { Module } from "@medusajs/framework/utils"
import checkWebhookConfig from "./loaders/check-config"
import WebhookModuleService from "./service"

export const WEBHOOK_MODULE = "webhook"

export default Module(WEBHOOK_MODULE, {
  service: WebhookModuleService,
  loaders: [checkWebhookConfig],
})

export { WebhookModuleService }
