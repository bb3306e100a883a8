import { interruptedCapture } from "./interrupted-capture"

const actor = "volmify-auto-capture"
const now = new Date("2026-12-03T12:00:00Z")
const ago = (s: number) => new Date(now.getTime() - s * 1000)
const opts = { actor, now, graceMs: 120_000 }

describe("interruptedCapture", () => {
  it("a payment with no capture, a partial one, or already captured/canceled is not blocked", () => {
    expect(interruptedCapture({ amount: 100, captures: [] }, opts)).toEqual({ kind: "none" })
    expect(interruptedCapture({ amount: 100, captures: [{ id: "c1", amount: 40, created_by: actor, created_at: ago(600) }] }, opts)).toEqual({ kind: "none" })
    const full = [{ id: "c1", amount: 100, created_by: actor, created_at: ago(600) }]
    expect(interruptedCapture({ amount: 100, captured_at: ago(500), captures: full }, opts)).toEqual({ kind: "none" })
    expect(interruptedCapture({ amount: 100, canceled_at: ago(500), captures: full }, opts)).toEqual({ kind: "none" })
  })

  it("our abandoned capture covering the amount is discarded once older than the grace, never before", () => {
    expect(interruptedCapture({ amount: "14800", captures: [{ id: "c1", amount: "14800", created_by: actor, created_at: ago(121) }] }, opts)).toEqual({
      kind: "discard",
      capture_ids: ["c1"],
    })
    expect(interruptedCapture({ amount: 100, captures: [{ id: "c1", amount: 100, created_by: actor, created_at: ago(30) }] }, opts)).toEqual({ kind: "in_progress" })
    // Exact decimals (no floats): 0.1 + 0.2 covers 0.3.
    expect(interruptedCapture({ amount: "0.3", captures: [{ id: "a", amount: "0.1", created_by: actor, created_at: ago(600) }, { id: "b", amount: "0.2", created_by: actor, created_at: ago(600) }] }, opts)).toEqual({
      kind: "discard",
      capture_ids: ["a", "b"],
    })
  })

  it("a capture staff started is never discarded, however old", () => {
    expect(interruptedCapture({ amount: 100, captures: [{ id: "c1", amount: 100, created_by: "user_01", created_at: ago(86_400) }] }, opts)).toEqual({ kind: "foreign" })
    expect(interruptedCapture({ amount: 100, captures: [{ id: "c1", amount: 100, created_by: null, created_at: ago(86_400) }] }, opts)).toEqual({ kind: "foreign" })
  })
})
