#!/usr/bin/env node
// `npm install`'s postinstall: installs the storefront's own packages (storefront/node_modules,
// storefront/package-lock.json). The storefront is not an npm workspace on purpose: the admin
// dashboard needs React 18 at the root, the storefront runs React 19, and a hoisted `next`
// would render the storefront's Pages Router pages with the root's React 18. Installed apart,
// Next, React and every React library of the storefront resolve inside storefront/.
// Set VOLMIFY_SKIP_STOREFRONT_INSTALL=true to skip (an image that builds only the app).
const { spawnSync } = require("node:child_process")
const path = require("node:path")

if (process.env.VOLMIFY_SKIP_STOREFRONT_INSTALL === "true") process.exit(0)
const dir = path.resolve(__dirname, "../../storefront")
const npm = process.platform === "win32" ? "npm.cmd" : "npm"
process.stdout.write("[volmify] installing the storefront's packages (storefront/node_modules)…\n")
const result = spawnSync(npm, ["install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" })
process.exit(result.status ?? 1)
