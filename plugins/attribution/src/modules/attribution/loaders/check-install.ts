import type { LoaderOptions } from "@medusajs/framework/types"
import type { InstallCheck, NoOptions } from "@volmify/orgs/install-check"

const PLUGIN = "@volmify/attribution"
/** The @volmify/* plugins this one calls at run time; each must be installed and registered. */
const PEERS = ["@volmify/orgs", "@volmify/ledger"]

// The load check every @volmify/* plugin runs from its module is @volmify/orgs' (one copy, at
// `@volmify/orgs/install-check`). It is required when first used, not imported: when orgs is the
// peer that is missing, this names it the way the check names any other missing peer.
let check: InstallCheck<NoOptions> | undefined
function shared(): InstallCheck<NoOptions> {
  try {
    require.resolve("@volmify/orgs/package.json")
  } catch {
    throw new Error(
      `${PLUGIN} needs the plugin @volmify/orgs, which is not installed: run \`npm install @volmify/orgs\` and register it in medusa-config.ts \`plugins\` before ${PLUGIN}.`
    )
  }
  const orgs: typeof import("@volmify/orgs/install-check") = require("@volmify/orgs/install-check")
  return (check ??= orgs.installCheck({ plugin: PLUGIN, peers: PEERS, options: orgs.NO_OPTIONS, resolve: (request) => require.resolve(request) }))
}

export const validatePluginOptions = (options: unknown) => shared().validatePluginOptions(options)
export const assertPeersPresent = (registered?: string[] | null) => shared().assertPeersPresent(registered)
export default async function checkInstall(options: LoaderOptions): Promise<void> {
  return shared().checkInstall(options)
}
