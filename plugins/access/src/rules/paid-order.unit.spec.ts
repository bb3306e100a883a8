import { BigNumber } from "@medusajs/framework/utils"
import { entitlementExpiry, isFullyRefunded, isOrderPaidForAccess } from "./paid-order"

describe("paid order rules", () => {
  it("grants on authorized or captured payments only", () => {
    expect(isOrderPaidForAccess(["authorized"])).toBe(true)
    expect(isOrderPaidForAccess(["completed"])).toBe(true)
    expect(isOrderPaidForAccess(["partially_captured"])).toBe(true)
    expect(isOrderPaidForAccess(["awaiting", "canceled"])).toBe(false)
    expect(isOrderPaidForAccess(["partially_authorized"])).toBe(false)
    expect(isOrderPaidForAccess([])).toBe(false)
    expect(isOrderPaidForAccess([undefined, null])).toBe(false)
  })

  it("grants a zero-total order with no payment collection (free course, lead magnet), nothing else without payment", () => {
    expect(isOrderPaidForAccess([], 0)).toBe(true)
    expect(isOrderPaidForAccess([], new BigNumber(0))).toBe(true)
    expect(isOrderPaidForAccess([], "0")).toBe(true)
    expect(isOrderPaidForAccess([], 0.01)).toBe(false)
    expect(isOrderPaidForAccess([], 1)).toBe(false) // JPY: one yen is not free
    expect(isOrderPaidForAccess([], undefined)).toBe(false)
    expect(isOrderPaidForAccess([], null)).toBe(false)
    // A zero total with a collection that never paid: the collection decides.
    expect(isOrderPaidForAccess(["awaiting"], 0)).toBe(false)
  })

  it("computes expiry from the duration, null for lifetime", () => {
    const start = new Date("2026-01-31T10:00:00Z")
    expect(entitlementExpiry(start, null)).toBeNull()
    expect(entitlementExpiry(start, 30)!.toISOString()).toBe("2026-03-02T10:00:00.000Z")
  })

  it("is fully refunded only when refunds reach the captured amount, exactly", () => {
    expect(isFullyRefunded(new BigNumber(99.99), new BigNumber(99.99))).toBe(true)
    expect(isFullyRefunded(new BigNumber(99.99), new BigNumber(99.98))).toBe(false)
    expect(isFullyRefunded(14800, 14800)).toBe(true) // JPY, zero decimals
    expect(isFullyRefunded(14800, 14799)).toBe(false)
    expect(isFullyRefunded(0, 0)).toBe(false)
    expect(isFullyRefunded(null, null)).toBe(false)
  })
})
