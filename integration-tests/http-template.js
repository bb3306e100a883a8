// HTTP suite only: test-utils creates each spec file's database empty and runs every module's
// migrations and the link sync into it (~8 of a file's ~35 s on 2 cores). Under `npm test`,
// VOLMIFY_HTTP_TEMPLATE names a database the test command migrated once for the run (`medusa
// db:migrate --skip-scripts`: the same migrations and links, no data); each file's database is
// created as a copy of it, and test-utils' own migration run then finds nothing to do (it
// still runs, so a module the template lacks is migrated as before).
const template = process.env.VOLMIFY_HTTP_TEMPLATE
if (template) {
  const { Client } = require("pg")
  const templates = require("@medusajs/test-utils/dist/medusa-test-runner-utils/postgres-template")
  const quote = (name) => `"${name.replace(/"/g, '""')}"`
  templates.createDatabase = async function createDatabaseFromTemplate({ databaseName, errorIfExist = false }, credentials = {}) {
    const client = new Client({
      host: process.env.DB_HOST ?? "localhost",
      port: Number(process.env.DB_PORT ?? 5432),
      user: process.env.DB_USERNAME ?? "postgres",
      password: process.env.DB_PASSWORD || undefined,
      database: "postgres",
      ...credentials,
    })
    await client.connect()
    try {
      await client.query(`CREATE DATABASE ${quote(databaseName)} TEMPLATE ${quote(template)}`)
    } catch (error) {
      // 42P04: the database exists; test-utils reuses it (as its own createDatabase does).
      if (!errorIfExist && error?.code === "42P04") return
      throw error
    } finally {
      await client.end()
    }
  }
}
