import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import Redis from "ioredis"

jest.setTimeout(60_000)

// Run by `npm test` with REDIS_URL set (the harness fails in CI when no Redis answers).
// medusa-config.ts then swaps in the Redis event bus, workflow engine, caching and locking.
const REDIS_URL = process.env.REDIS_URL as string
// BullMQ keys of Medusa's Redis event bus: prefix = service class name, queue "events-queue".
const QUEUE = "RedisEventBusService:events-queue"

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let redis: Redis

    beforeAll(() => {
      redis = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 })
    })
    afterAll(async () => {
      await redis.quit()
    })

    it("runs with REDIS_URL from the environment", () => {
      expect(REDIS_URL).toMatch(/^redis:\/\//)
    })

    it("loads the Redis modules instead of Medusa's in-memory defaults", () => {
      const container = getContainer()
      expect(container.resolve(Modules.EVENT_BUS).constructor.name).toBe("RedisEventBusService")
    })

    it("keeps the workflow engine's queues in Redis", async () => {
      const keys = await redis.keys("bull:medusa-workflows:*")
      expect(keys.length).toBeGreaterThan(0)
    })

    it("takes locks in Redis", async () => {
      const locking = getContainer().resolve(Modules.LOCKING)
      const key = `volmify-probe-${Date.now()}`
      await locking.acquire(key, { expire: 10 })
      expect((await redis.keys(`*${key}*`)).length).toBe(1)
      await locking.release(key)
      expect(await redis.keys(`*${key}*`)).toEqual([])
    })

    it("caches in Redis", async () => {
      const caching = getContainer().resolve(Modules.CACHING)
      const key = `volmify-probe-${Date.now()}`
      await caching.set({ key, data: { hello: "redis" }, ttl: 30 })
      expect(await caching.get({ key })).toEqual({ hello: "redis" })
      expect((await redis.keys(`*${key}*`)).length).toBeGreaterThan(0)
    })

    it("carries an emitted event through a Redis (BullMQ) queue to a subscriber", async () => {
      const eventBus = getContainer().resolve<IEventBusModuleService>(Modules.EVENT_BUS)
      const eventName = `volmify.redis_probe.${Date.now()}`
      const received: unknown[] = []
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      eventBus.subscribe(eventName, async (event) => {
        received.push(event.data)
        await held // keep the job active so the test can see it inside Redis
      })

      await eventBus.emit({ name: eventName, data: { id: "probe_1", n: 42 } })

      // While the subscriber works, the job sits in BullMQ's active list in Redis.
      let jobInRedis: Record<string, string> | null = null
      const deadline = Date.now() + 15_000
      while (!jobInRedis && Date.now() < deadline) {
        for (const id of await redis.lrange(`${QUEUE}:active`, 0, -1)) {
          const job = await redis.hgetall(`${QUEUE}:${id}`)
          if (job.name === eventName) jobInRedis = job
        }
        if (!jobInRedis) await new Promise((r) => setTimeout(r, 100))
      }
      release()
      expect(jobInRedis).not.toBeNull()
      expect(JSON.parse(jobInRedis!.data)).toMatchObject({ data: { id: "probe_1", n: 42 } })
      expect(received).toEqual([{ id: "probe_1", n: 42 }])
    })
  },
})
