import net from "node:net"

// freePort() under VOLMIFY_PORT_RANGE: the platform suite's two lanes each get a range of
// their own, so a port handed to one lane is never another lane's or an outgoing connection's.
const { freePort } = require("../postgres")

describe("freePort", () => {
  const saved = process.env.VOLMIFY_PORT_RANGE
  afterEach(() => {
    if (saved === undefined) delete process.env.VOLMIFY_PORT_RANGE
    else process.env.VOLMIFY_PORT_RANGE = saved
  })

  it("without a range, returns a port the OS chose that can be listened on", async () => {
    delete process.env.VOLMIFY_PORT_RANGE
    const port = await freePort()
    expect(port).toBeGreaterThan(0)
    const server = net.createServer()
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()))
    await new Promise((resolve) => server.close(resolve))
  })

  it("with a range, hands out free ports inside it, never the same one twice, and skips a port in use", async () => {
    // A 4-port range with one of its ports taken: three calls get the other three, all different.
    const taken = net.createServer()
    const lo = 23_400 + Math.floor(Math.random() * 500) * 4
    await new Promise<void>((resolve, reject) => taken.once("error", reject).listen(lo + 1, "127.0.0.1", () => resolve()))
    try {
      process.env.VOLMIFY_PORT_RANGE = `${lo}-${lo + 3}`
      const ports = [await freePort(), await freePort(), await freePort()]
      expect([...ports].sort()).toEqual([lo, lo + 2, lo + 3])
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })

  it("falls back to the OS when every port of the range is taken or handed out", async () => {
    const lo = 25_500 + Math.floor(Math.random() * 400)
    const taken = net.createServer()
    await new Promise<void>((resolve, reject) => taken.once("error", reject).listen(lo, "127.0.0.1", () => resolve()))
    try {
      process.env.VOLMIFY_PORT_RANGE = `${lo}-${lo}`
      const port = await freePort()
      expect(port).not.toBe(lo)
      expect(port).toBeGreaterThan(0)
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})
