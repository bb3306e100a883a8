/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Assignment uploads (5 MB files, the store route's limit) go through a server action.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
}

export default nextConfig
