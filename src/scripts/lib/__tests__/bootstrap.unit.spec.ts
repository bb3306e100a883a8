import { spawn } from "node:child_process"
import fs from "node:fs"

// Servers the run, test and bench scripts start are detached (their own process group, so
// stopping one stops its workers too). A script that dies without stopping them must not
// leave them running: a leftover Medusa keeps its port and consumes the Redis queues of
// the next run.

const BOOTSTRAP = require.resolve("../bootstrap")

/** Running, as opposed to gone or a zombie (a killed orphan waits for whoever adopted it to reap it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    // "pid (comm) S ...": the state follows the command's closing parenthesis.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z"
  } catch {
    return false
  }
}

/** Runs `body` in a fresh node process with a detached `sleep` as `child`; resolves to the sleep's pid once the process has exited. */
function runParent(body: string) {
  const script = `
    const { spawn } = require("node:child_process")
    const b = require(${JSON.stringify(BOOTSTRAP)})
    const child = spawn("sleep", ["60"], { detached: true, stdio: "ignore" })
    process.stdout.write(String(child.pid))
    ${body}
  `
  return new Promise<{ pid: number; code: number | null }>((resolve) => {
    let out = ""
    const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "ignore"] })
    parent.stdout.on("data", (d) => (out += d))
    parent.on("exit", (code) => resolve({ pid: Number(out), code }))
  })
}

const gone = async (pid: number) => {
  for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 25))
  return !alive(pid)
}

describe("killGroupOnExit", () => {
  it("kills a detached child's group when its parent dies of an uncaught error", async () => {
    const { pid, code } = await runParent(`b.killGroupOnExit(child); setTimeout(() => { throw new Error("crash") }, 100)`)
    expect(code).toBe(1)
    expect(pid).toBeGreaterThan(0)
    expect(await gone(pid)).toBe(true)
  })

  it("kills it when the parent exits normally without stopping it", async () => {
    const { pid, code } = await runParent(`b.killGroupOnExit(child); setTimeout(() => process.exit(0), 100)`)
    expect(code).toBe(0)
    expect(await gone(pid)).toBe(true)
  })

  it("leaves the child alone after it has been stopped, and a detached child without it outlives its parent", async () => {
    const stopped = await runParent(`b.killGroupOnExit(child); b.stopGroup(child).then(() => process.exit(0))`)
    expect(stopped.code).toBe(0)
    expect(await gone(stopped.pid)).toBe(true)

    const orphan = await runParent(`setTimeout(() => process.exit(0), 100)`)
    try {
      expect(alive(orphan.pid)).toBe(true)
    } finally {
      process.kill(-orphan.pid, "SIGKILL")
    }
  })
})
