import { assertWebhookConfig } from "../../../webhooks/target"

/** Refuses to start in production with the development/test allowlist of private webhook targets set. */
export default async function checkWebhookConfig() {
  assertWebhookConfig()
}
