import net from "node:net"
import { dependencyState, isDependencyError, isReady } from "./dependencies"

describe("isDependencyError", () => {
  it("recognises lost PostgreSQL and Redis connections, also wrapped", () => {
    expect(isDependencyError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true)
    expect(isDependencyError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true)
    expect(isDependencyError(Object.assign(new Error("Knex: Timeout acquiring a connection."), { name: "KnexTimeoutError" }))).toBe(true)
    expect(isDependencyError(new Error("Connection terminated unexpectedly"))).toBe(true)
    expect(isDependencyError(new Error("Connection is closed."))).toBe(true)
    // knex when PostgreSQL dropped the connection mid-transaction (seen in the faults suite).
    expect(isDependencyError(Object.assign(new Error("Transaction query already complete, run with DEBUG=knex:tx for more info"), { name: "DriverException" }))).toBe(true)
    expect(isDependencyError(new Error("Reached the max retries per request limit (which is 3)."))).toBe(true)
    // node-postgres on a pooled client whose server restarted under it (faults suite, 2026-12-04: a 500 on POST /store/carts).
    expect(isDependencyError(new Error("COMMIT; - Client has encountered a connection error and is not queryable"))).toBe(true)
    expect(isDependencyError(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }))).toBe(true)
  })
  it("leaves the request's own errors alone", () => {
    expect(isDependencyError(new Error("Cart not found"))).toBe(false)
    expect(isDependencyError(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }))).toBe(false)
    expect(isDependencyError(null)).toBe(false)
  })
})

describe("dependencyState", () => {
  const saved = { db: process.env.DATABASE_URL, redis: process.env.REDIS_URL }
  afterAll(() => {
    process.env.DATABASE_URL = saved.db
    process.env.REDIS_URL = saved.redis
  })
  it("reports a PostgreSQL and a Redis that refuse connections as down within the timeout", async () => {
    // A port nothing listens on: bind one, note it, close it.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port
        s.close(() => resolve(p))
      })
    })
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/nothing`
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`
    const started = Date.now()
    const state = await dependencyState()
    expect(Date.now() - started).toBeLessThan(3000)
    expect(state).toMatchObject({ postgres: "down", redis: "down" })
    expect(isReady(state)).toBe(false)
  })
})
