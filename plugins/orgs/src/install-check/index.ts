import fs from "node:fs"
import path from "node:path"
import { configManager } from "@medusajs/framework/config"
import type { LoaderOptions } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"

// The load check of the @volmify/* plugins, one copy for all of them (`@volmify/orgs/install-check`).
// Each plugin's module runs it from a loader (`src/modules/*/loaders/check-install.ts`) at boot,
// db:migrate and medusa exec: a missing peer plugin or a wrong option stops the app there, with a
// message naming it, instead of failing later on a request. @volmify/ledger keeps its own copy
// (it does not depend on orgs), and each loader names a missing @volmify/orgs itself, since then
// this file is not there to do it.

/** A plugin that takes no options (every key is refused). */
export const NO_OPTIONS = z.object({}).strict()
export type NoOptions = typeof NO_OPTIONS

export type InstallCheckSpec<S extends z.ZodType> = {
  /** The plugin's package name, as the messages name it. */
  plugin: string
  /** The @volmify/* plugins it calls at run time; each must be installed and registered. */
  peers: string[]
  /** Its options (its entry in medusa-config.ts `plugins`): a strict schema, so unknown keys are refused. */
  options: S
  /**
   * `require.resolve` of the plugin's own loader: peers are looked up from where that plugin is
   * installed (a package manager may give each package its own view of node_modules).
   */
  resolve: (request: string) => string
}

export type InstallCheck<S extends z.ZodType> = {
  pluginOptionsSchema: S
  /** The options, or an error naming each bad option and what is wrong with it. */
  validatePluginOptions(options: unknown): z.output<S>
  /** Throws, naming the peer, when a plugin this one needs is not installed or not registered. */
  assertPeersPresent(registered?: string[] | null): void
  /** The module loader. */
  checkInstall(_: LoaderOptions): Promise<void>
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

/** The message when `peer`, needed by `plugin`, is not installed (a loader says the same of a missing @volmify/orgs). */
export function notInstalledMessage(plugin: string, peer: string): string {
  return `${plugin} needs the plugin ${peer}, which is not installed: run \`npm install ${peer}\` and register it in medusa-config.ts \`plugins\` before ${plugin}.`
}

/** The load check of one plugin: its name, its peers and its options schema. */
export function installCheck<S extends z.ZodType>({ plugin, peers, options: schema, resolve }: InstallCheckSpec<S>): InstallCheck<S> {
  function validatePluginOptions(options: unknown): z.output<S> {
    const result = schema.safeParse(options ?? {})
    if (result.success) return result.data
    const problems = result.error.issues.map((issue) => {
      if (issue.code === "unrecognized_keys") {
        return `unknown option ${issue.keys.map((k) => `"${[...issue.path, k].join(".")}"`).join(", ")}`
      }
      return `option "${issue.path.join(".") || "(options)"}" ${issue.message}`
    })
    throw new Error(`${plugin}: invalid plugin options in medusa-config.ts: ${problems.join("; ")}`)
  }

  function assertPeersPresent(registered: string[] | null = registeredPlugins()?.map((p) => p.name) ?? null): void {
    for (const peer of peers) {
      let installed = true
      try {
        resolve(`${peer}/package.json`)
      } catch {
        installed = false
      }
      if (!installed) {
        throw new Error(notInstalledMessage(plugin, peer))
      }
      if (registered && !registered.includes(peer)) {
        throw new Error(
          `${plugin} needs the plugin ${peer}, which is installed but not registered: add { resolve: "${peer}" } to medusa-config.ts \`plugins\` before ${plugin}.`
        )
      }
    }
  }

  async function checkInstall(_: LoaderOptions): Promise<void> {
    const plugins = registeredPlugins()
    assertPeersPresent(plugins?.map((p) => p.name) ?? null)
    // The options as written in medusa-config.ts, less what Medusa adds to them when it hands
    // them to the module (`database`: the plugin's entry object is shared and written to).
    const own = plugins?.find((p) => p.name === plugin)
    if (own) {
      const { database: _medusaAdded, ...options } = (own.options ?? {}) as Record<string, unknown>
      validatePluginOptions(options)
    }
  }

  return { pluginOptionsSchema: schema, validatePluginOptions, assertPeersPresent, checkInstall }
}
