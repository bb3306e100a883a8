import { fileURLToPath } from "node:url"

const SERVER_ONLY = fileURLToPath(new URL("./src/lib/server-only", import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Assignment uploads (5 MB files, the store route's limit) go through a server action.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  webpack(config, { isServer }) {
    // lib/server-only.ts: server code reached from a browser build fails the build (the
    // `server-only` package cannot be used there because the Pages Router pages share lib/).
    if (!isServer) {
      config.resolve.alias = {
        ...config.resolve.alias,
        [SERVER_ONLY]: "server-only: this module runs on the server only",
        [`${SERVER_ONLY}.ts`]: "server-only: this module runs on the server only",
      }
    }
    return config
  },
}

export default nextConfig
