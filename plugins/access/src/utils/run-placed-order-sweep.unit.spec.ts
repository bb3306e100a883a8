import { createMedusaContainer, ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { asValue } from "@medusajs/framework/awilix"
import { sweepPlacedOrdersOnStart } from "./run-placed-order-sweep"

/**
 * When a worker starts it sweeps at once and again once orders placed just before the start
 * (a crash's) are a minute old. The container here has no modules, so each sweep fails and
 * is logged: the log shows when a sweep ran, and that a failing one does not throw.
 */
describe("sweepPlacedOrdersOnStart", () => {
  afterEach(() => jest.useRealTimers())

  const containerFor = (workerMode: string | undefined, warn: jest.Mock) => {
    const container = createMedusaContainer()
    container.register({
      [ContainerRegistrationKeys.CONFIG_MODULE]: asValue({ projectConfig: { workerMode }, plugins: [] }),
      [ContainerRegistrationKeys.LOGGER]: asValue({ warn, info: jest.fn(), error: jest.fn(), debug: jest.fn() }),
    })
    return container
  }
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve()
    await new Promise((r) => jest.requireActual("timers").setImmediate(r))
  }

  it("sweeps 3 s after start and again 63 s after start (orders then a minute old), not in between", async () => {
    jest.useFakeTimers()
    const warn = jest.fn()
    sweepPlacedOrdersOnStart(containerFor("worker", warn))
    const attempts = () => warn.mock.calls.filter(([m]) => /sweep-placed-orders on start failed/.test(String(m))).length

    jest.advanceTimersByTime(2_999)
    await settle()
    expect(attempts()).toBe(0)
    jest.advanceTimersByTime(1)
    await settle()
    expect(attempts()).toBe(1)
    jest.advanceTimersByTime(59_999)
    await settle()
    expect(attempts()).toBe(1)
    jest.advanceTimersByTime(1)
    await settle()
    expect(attempts()).toBe(2)
    jest.advanceTimersByTime(600_000)
    await settle()
    expect(attempts()).toBe(2)
  })

  it("does not sweep in a server process (servers run no background work)", async () => {
    jest.useFakeTimers()
    const warn = jest.fn()
    sweepPlacedOrdersOnStart(containerFor("server", warn))
    jest.advanceTimersByTime(120_000)
    await settle()
    expect(warn).not.toHaveBeenCalled()
    expect(jest.getTimerCount()).toBe(0)
  })
})
