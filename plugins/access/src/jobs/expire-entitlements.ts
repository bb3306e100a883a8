import type { MedusaContainer } from "@medusajs/framework/types"
import { expireEntitlementsWorkflow } from "../workflows/expire-entitlements"

/** Every 10 minutes: active entitlements past their expiry become `expired`. */
export default async function expireEntitlementsJob(container: MedusaContainer) {
  await expireEntitlementsWorkflow(container).run({ input: {} })
}

export const config = { name: "expire-entitlements", schedule: "*/10 * * * *" }
