import { classifyRenewalFailure } from "./renewal-failure"

describe("classifyRenewalFailure", () => {
  it("counts a refused off-session charge as the customer's payment failure", () => {
    expect(classifyRenewalFailure([{ action: "complete-cart-as-step", error: { type: "not_allowed", message: "Session is not authorized" } }])).toBe("payment")
    expect(classifyRenewalFailure([{ action: "create-payment-sessions-as-step", error: { message: "card_declined" } }])).toBe("payment")
    expect(classifyRenewalFailure([{ action: "authorize-payment-session-step", error: { type: "payment_authorization_error" } }])).toBe("payment")
  })

  it("counts anything else (a step after the order, a missing price, a lock) as ours, not the customer's", () => {
    expect(classifyRenewalFailure([{ action: "mark-subscription-renewal-paid", error: { message: "db down" } }])).toBe("system")
    expect(classifyRenewalFailure([{ action: "create-cart-as-step", error: { type: "invalid_data", message: "no price" } }])).toBe("system")
    expect(classifyRenewalFailure([{ action: "acquire-lock-step", error: null }])).toBe("system")
    expect(classifyRenewalFailure([])).toBe("system")
  })
})
