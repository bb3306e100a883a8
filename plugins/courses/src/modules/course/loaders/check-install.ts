import type { LoaderOptions } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"
import type { InstallCheck } from "@volmify/orgs/install-check"

const PLUGIN = "@volmify/courses"
/** The @volmify/* plugins this one calls at run time; each must be installed and registered. */
const PEERS = ["@volmify/orgs", "@volmify/access"]

/** This plugin's options (its entry in medusa-config.ts `plugins`); unknown keys are refused. */
export const pluginOptionsSchema = z
  .object({
    media_signing_secret: z.string().min(1).optional(),
    media_url_ttl_seconds: z.number().int().positive().optional(),
    media_base_url: z.string().optional(),
    media_delivery: z.enum(["stream", "presigned"]).optional(),
    private_files_dir: z.string().min(1).optional(),
    mux: z.object({ signing_key_id: z.string().min(1), private_key: z.string().min(1) }).strict().optional(),
    cloudflare_stream: z
      .object({
        key_id: z.string().min(1),
        private_key: z.string().min(1),
        customer_code: z.string().regex(/^[a-z0-9]{1,64}$/, "must be the letters and digits of customer-<code>.cloudflarestream.com"),
      })
      .strict()
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
