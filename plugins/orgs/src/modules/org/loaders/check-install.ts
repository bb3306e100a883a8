import { installCheck, NO_OPTIONS } from "../../../install-check"

// The load check every @volmify/* plugin runs from its module (src/install-check, shared through
// `@volmify/orgs/install-check`), with orgs' peers and options: none.
export const { pluginOptionsSchema, validatePluginOptions, assertPeersPresent, checkInstall } = installCheck({
  plugin: "@volmify/orgs",
  peers: [],
  options: NO_OPTIONS,
  resolve: (request) => require.resolve(request),
})

export default checkInstall
