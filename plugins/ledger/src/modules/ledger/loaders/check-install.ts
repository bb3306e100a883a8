import fs from "node:fs"
import path from "node:path"
import { configManager } from "@medusajs/framework/config"
import type { LoaderOptions } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"

// Runs when Medusa loads this plugin's module (boot, db:migrate, medusa exec): a missing peer
// plugin or a wrong option stops the app here, with a message naming it, instead of failing
// later on a request. The other @volmify/* plugins run the shared copy of this check in
// @volmify/orgs (`@volmify/orgs/install-check`); ledger keeps its own, because it does not
// depend on orgs (no peer plugins at all) and should not gain a peer for its load check.

const PLUGIN = "@volmify/ledger"
/** The @volmify/* plugins this one calls at run time; each must be installed and registered. */
const PEERS: string[] = []

/** This plugin's options (its entry in medusa-config.ts `plugins`); unknown keys are refused. */
export const pluginOptionsSchema = z.object({}).strict()

export type ValidatedPluginOptions = z.infer<typeof pluginOptionsSchema>

/** The options, or an error naming each bad option and what is wrong with it. */
export function validatePluginOptions(options: unknown): ValidatedPluginOptions {
  const result = pluginOptionsSchema.safeParse(options ?? {})
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return `unknown option ${issue.keys.map((k) => `"${[...issue.path, k].join(".")}"`).join(", ")}`
    }
    return `option "${issue.path.join(".") || "(options)"}" ${issue.message}`
  })
  throw new Error(`${PLUGIN}: invalid plugin options in medusa-config.ts: ${problems.join("; ")}`)
}

type PluginEntry = { name: string; options: unknown }

/** The plugins in the loaded config (package name, options as written), or null when no app config is loaded (module tests). */
function registeredPlugins(): PluginEntry[] | null {
  let config: { plugins?: unknown[] } | undefined
  try {
    config = configManager.config as { plugins?: unknown[] } | undefined
  } catch {
    return null
  }
  if (!config?.plugins) return null
  const baseDir = configManager.baseDir || process.cwd()
  return config.plugins.map((entry) => {
    const resolve = typeof entry === "string" ? entry : (entry as { resolve?: string })?.resolve ?? ""
    const options = typeof entry === "string" ? {} : (entry as { options?: unknown })?.options ?? {}
    if (!resolve.startsWith(".") && !path.isAbsolute(resolve)) return { name: resolve, options }
    try {
      // A plugin registered by path: its package name.
      const name = JSON.parse(fs.readFileSync(path.join(path.resolve(baseDir, resolve), "package.json"), "utf8")).name
      return { name, options }
    } catch {
      return { name: resolve, options }
    }
  })
}

/** Throws, naming the peer, when a plugin this one needs is not installed or not registered. */
export function assertPeersPresent(registered: string[] | null = registeredPlugins()?.map((p) => p.name) ?? null): void {
  for (const peer of PEERS) {
    let installed = true
    try {
      require.resolve(`${peer}/package.json`)
    } catch {
      installed = false
    }
    if (!installed) {
      throw new Error(
        `${PLUGIN} needs the plugin ${peer}, which is not installed: run \`npm install ${peer}\` and register it in medusa-config.ts \`plugins\` before ${PLUGIN}.`
      )
    }
    if (registered && !registered.includes(peer)) {
      throw new Error(
        `${PLUGIN} needs the plugin ${peer}, which is installed but not registered: add { resolve: "${peer}" } to medusa-config.ts \`plugins\` before ${PLUGIN}.`
      )
    }
  }
}

export default async function checkInstall(_: LoaderOptions): Promise<void> {
  const plugins = registeredPlugins()
  assertPeersPresent(plugins?.map((p) => p.name) ?? null)
  // The options as written in medusa-config.ts, less what Medusa adds to them when it hands
  // them to the module (`database`: the plugin's entry object is shared and written to).
  const own = plugins?.find((p) => p.name === PLUGIN)
  if (own) {
    const { database: _medusaAdded, ...options } = (own.options ?? {}) as Record<string, unknown>
    validatePluginOptions(options)
  }
}
