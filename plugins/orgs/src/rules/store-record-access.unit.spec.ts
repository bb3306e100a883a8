import {
  deriveGuestOrderTokenKey,
  GUEST_ORDER_TOKEN_TTL_SECONDS,
  signGuestOrderToken,
  verifyGuestOrderToken,
} from "./guest-order-token"
import { decideStoreRecordAccess, GUEST_RECOMPLETE_WINDOW_SECONDS, StoreCaller, StoreRecord } from "./store-record-access"

const caller = (over: Partial<StoreCaller> = {}): StoreCaller => ({
  sales_channel_ids: ["sc_a"],
  customer_id: null,
  guest_order_ids: new Set(),
  ...over,
})
const guestCart: StoreRecord = { kind: "cart", id: "cart_1", sales_channel_id: "sc_a", registered_customer_id: null }
const customerCart: StoreRecord = { ...guestCart, registered_customer_id: "cus_1" }
const guestOrder: StoreRecord = { kind: "order", id: "order_1", sales_channel_id: "sc_a", registered_customer_id: null }
const customerOrder: StoreRecord = { ...guestOrder, registered_customer_id: "cus_1" }

describe("store record access", () => {
  it("refuses every record of another sales channel, whoever asks", () => {
    const other = caller({ sales_channel_ids: ["sc_b"], customer_id: "cus_1", guest_order_ids: new Set(["order_1"]) })
    for (const record of [guestCart, customerCart, guestOrder, customerOrder]) {
      expect(decideStoreRecordAccess(record, other, "use")).toEqual({ allowed: false, reason: "another sales channel" })
    }
    expect(decideStoreRecordAccess({ ...guestCart, sales_channel_id: null }, caller(), "use").allowed).toBe(false)
  })

  it("opens a guest's open cart to its key, a customer's records to that customer only", () => {
    expect(decideStoreRecordAccess(guestCart, caller(), "use").allowed).toBe(true)
    expect(decideStoreRecordAccess(customerCart, caller(), "use").allowed).toBe(false)
    expect(decideStoreRecordAccess(customerCart, caller({ customer_id: "cus_2" }), "use").allowed).toBe(false)
    expect(decideStoreRecordAccess(customerCart, caller({ customer_id: "cus_1" }), "use").allowed).toBe(true)
    expect(decideStoreRecordAccess(customerOrder, caller({ customer_id: "cus_1" }), "use").allowed).toBe(true)
    // A guest token never opens a registered customer's order.
    expect(decideStoreRecordAccess(customerOrder, caller({ guest_order_ids: new Set(["order_1"]) }), "use").allowed).toBe(false)
  })

  it("opens a guest order, and its completed cart, to that order's token only", () => {
    expect(decideStoreRecordAccess(guestOrder, caller(), "use").allowed).toBe(false)
    expect(decideStoreRecordAccess(guestOrder, caller({ customer_id: "cus_9" }), "use").allowed).toBe(false)
    expect(decideStoreRecordAccess(guestOrder, caller({ guest_order_ids: new Set(["order_2"]) }), "use").allowed).toBe(false)
    expect(decideStoreRecordAccess(guestOrder, caller({ guest_order_ids: new Set(["order_1"]) }), "use").allowed).toBe(true)
    const now = new Date("2026-12-02T12:00:00Z")
    const completed = { ...guestCart, completed_at: new Date(now.getTime() - 60_000), order_id: "order_1" }
    expect(decideStoreRecordAccess(completed, caller(), "use", now).allowed).toBe(false)
    expect(decideStoreRecordAccess(completed, caller({ guest_order_ids: new Set(["order_1"]) }), "use", now).allowed).toBe(true)
    // The browser back from the payment page may complete again for a short while.
    expect(decideStoreRecordAccess(completed, caller(), "complete", now).allowed).toBe(true)
    const old = { ...completed, completed_at: new Date(now.getTime() - (GUEST_RECOMPLETE_WINDOW_SECONDS + 1) * 1000) }
    expect(decideStoreRecordAccess(old, caller(), "complete", now).allowed).toBe(false)
  })

  it("lets transfer tokens and the transfer's requester through, nobody else", () => {
    expect(decideStoreRecordAccess(customerOrder, caller({ holds_transfer_token: true }), "transfer_token").allowed).toBe(true)
    expect(decideStoreRecordAccess(customerOrder, caller({ customer_id: "cus_1" }), "transfer_token").allowed).toBe(false)
    expect(decideStoreRecordAccess(guestOrder, caller({ customer_id: "cus_2", requested_transfer: true }), "transfer_cancel").allowed).toBe(true)
    expect(decideStoreRecordAccess(guestOrder, caller({ customer_id: "cus_2" }), "transfer_cancel").allowed).toBe(false)
  })
})

describe("guest order tokens", () => {
  const key = deriveGuestOrderTokenKey("jwt-secret-for-tests")
  const now = new Date("2026-12-02T12:00:00Z")

  it("verify to their order id until they expire", () => {
    const { token, expires_at } = signGuestOrderToken(key, "order_01ABC", now)
    expect(expires_at.getTime() - now.getTime()).toBe(GUEST_ORDER_TOKEN_TTL_SECONDS * 1000)
    expect(verifyGuestOrderToken(key, token, now)).toBe("order_01ABC")
    expect(verifyGuestOrderToken(key, token, new Date(expires_at.getTime() - 1000))).toBe("order_01ABC")
    expect(verifyGuestOrderToken(key, token, expires_at)).toBeNull()
  })

  it("refuse altered, foreign-key, overlong-lived and malformed tokens", () => {
    const { token } = signGuestOrderToken(key, "order_01ABC", now)
    const [v, , expires, sig] = token.split(".")
    expect(verifyGuestOrderToken(key, `${v}.order_01ABD.${expires}.${sig}`, now)).toBeNull()
    expect(verifyGuestOrderToken(key, `${v}.order_01ABC.${Number(expires) + 1}.${sig}`, now)).toBeNull()
    expect(verifyGuestOrderToken(deriveGuestOrderTokenKey("other"), token, now)).toBeNull()
    const long = signGuestOrderToken(key, "order_01ABC", now, GUEST_ORDER_TOKEN_TTL_SECONDS * 48).token
    expect(verifyGuestOrderToken(key, long, now)).toBeNull()
    for (const bad of [undefined, "", "v1..1.x", token + "0", ["a"], "v2" + token.slice(2)]) {
      expect(verifyGuestOrderToken(key, bad, now)).toBeNull()
    }
  })

  it("derive a key of their own from the JWT secret", () => {
    expect(deriveGuestOrderTokenKey("s").equals(Buffer.from("s"))).toBe(false)
    expect(deriveGuestOrderTokenKey("s").equals(deriveGuestOrderTokenKey("s"))).toBe(true)
  })
})
