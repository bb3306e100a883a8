#!/usr/bin/env node
// `node src/scripts/validate-openapi.mjs <file.json>...`: validates OpenAPI documents with
// @seriousme/openapi-schema-validator; prints `{ file, valid, version, errors }` per file as
// JSON lines and exits 1 when one is invalid.
import { readFile } from "node:fs/promises"
import { Validator } from "@seriousme/openapi-schema-validator"

let failed = false
for (const file of process.argv.slice(2)) {
  const validator = new Validator()
  const result = await validator.validate(JSON.parse(await readFile(file, "utf8")))
  failed ||= !result.valid
  process.stdout.write(JSON.stringify({ file, valid: result.valid, version: validator.version, errors: result.errors ?? null }) + "\n")
}
process.exit(failed ? 1 : 0)
