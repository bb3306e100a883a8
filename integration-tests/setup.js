const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// The app refuses well-known secrets whenever it listens beyond loopback, as the test
// runner's server does: each test file gets random ones unless the shell set them.
const { randomBytes } = require("node:crypto")
for (const name of ["JWT_SECRET", "COOKIE_SECRET"]) {
  process.env[name] ||= randomBytes(32).toString("hex")
}
