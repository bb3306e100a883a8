import { spawnSync } from "node:child_process"
import path from "node:path"

/**
 * The typed client's generated files (openapi/store.json, src/generated/store.ts) are what
 * the generator makes from the plugins' current zod validators, and the package compiles.
 */
const PKG = path.resolve(__dirname, "..")
const ROOT = path.resolve(PKG, "../..")

describe("@volmify/js-sdk", () => {
  it("has generated files that match the current OpenAPI document", () => {
    const run = spawnSync(process.execPath, [path.join(PKG, "scripts/generate.mjs"), "--check"], { cwd: ROOT, encoding: "utf8" })
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: "" })
    expect(run.stdout).toContain("current")
  }, 120_000)

  it("compiles with tsc (strict)", () => {
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc")
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", path.join(PKG, "tsconfig.json")], { cwd: ROOT, encoding: "utf8" })
    expect({ status: run.status, out: run.stdout.trim() }).toEqual({ status: 0, out: "" })
  }, 120_000)
})
