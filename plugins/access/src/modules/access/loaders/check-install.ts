import type { LoaderOptions } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"
import type { InstallCheck } from "@volmify/orgs/install-check"

const PLUGIN = "@volmify/access"
/** The @volmify/* plugins this one calls at run time; each must be installed and registered. */
const PEERS = ["@volmify/orgs"]

/** This plugin's options (its entry in medusa-config.ts `plugins`); unknown keys are refused. */
export const pluginOptionsSchema = z
  .object({
    /** Capture all-digital orders right after placement (default true). */
    autoCaptureDigitalOrders: z.boolean().optional(),
    /** Days after a subscription's first failed renewal charge to retry it (default [1, 3, 5]). */
    subscriptionRetryDays: z
      .array(z.number().int("subscriptionRetryDays must be whole days").min(1, "subscriptionRetryDays must be 1 day or more").max(365))
      .min(1, "subscriptionRetryDays needs at least one day")
      .max(10, "subscriptionRetryDays holds at most 10 retries")
      .optional(),
  })
  .strict()

// The load check every @volmify/* plugin runs from its module is @volmify/orgs' (one copy, at
// `@volmify/orgs/install-check`). It is required when first used, not imported: when orgs is the
// peer that is missing, this names it the way the check names any other missing peer.
let check: InstallCheck<typeof pluginOptionsSchema> | undefined
function shared(): InstallCheck<typeof pluginOptionsSchema> {
  try {
    require.resolve("@volmify/orgs/package.json")
  } catch {
    throw new Error(
      `${PLUGIN} needs the plugin @volmify/orgs, which is not installed: run \`npm install @volmify/orgs\` and register it in medusa-config.ts \`plugins\` before ${PLUGIN}.`
    )
  }
  const orgs: typeof import("@volmify/orgs/install-check") = require("@volmify/orgs/install-check")
  return (check ??= orgs.installCheck({ plugin: PLUGIN, peers: PEERS, options: pluginOptionsSchema, resolve: (request) => require.resolve(request) }))
}

export const validatePluginOptions = (options: unknown) => shared().validatePluginOptions(options)
export const assertPeersPresent = (registered?: string[] | null) => shared().assertPeersPresent(registered)
export default async function checkInstall(options: LoaderOptions): Promise<void> {
  return shared().checkInstall(options)
}
