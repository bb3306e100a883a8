import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Options of @volmify/access (its entry in medusa-config.ts `plugins`). */
export type AccessPluginOptions = {
  /**
   * Capture an order's payment right after it is placed when every line is digital access
   * (a variant with an access plan, nothing to ship). Default true. Orders with a physical
   * line always stay on manual capture.
   */
  autoCaptureDigitalOrders?: boolean
  /** Days after a subscription's first failed renewal charge to retry it. Default [1, 3, 5]. */
  subscriptionRetryDays?: number[]
}

export const ACCESS_PLUGIN = "@volmify/access"

/** This plugin's options as registered in the host app's config (defaults filled in). */
export function accessPluginOptions(container: MedusaContainer): Required<AccessPluginOptions> {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { plugins?: unknown[] }
  const entry = (config.plugins ?? []).find((p) => (typeof p === "string" ? p : (p as { resolve?: string } | null)?.resolve) === ACCESS_PLUGIN) as
    | { options?: AccessPluginOptions }
    | undefined
  const retry = entry?.options?.subscriptionRetryDays
  return {
    autoCaptureDigitalOrders: entry?.options?.autoCaptureDigitalOrders !== false,
    subscriptionRetryDays:
      Array.isArray(retry) && retry.length && retry.every((d) => Number.isInteger(d) && d > 0) ? retry : [1, 3, 5],
  }
}
