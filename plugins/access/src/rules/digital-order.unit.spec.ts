import { captureFailureReason, isDigitalOnlyOrder } from "./digital-order"

describe("isDigitalOnlyOrder", () => {
  const plans = ["var_course", "var_vip"]

  it("is true when every line is a planned variant that ships nothing", () => {
    expect(isDigitalOnlyOrder([{ variant_id: "var_course", requires_shipping: false }, { variant_id: "var_vip" }], plans)).toBe(true)
  })

  it("is false with a line whose variant has no access plan (a workbook, a T-shirt)", () => {
    expect(isDigitalOnlyOrder([{ variant_id: "var_course" }, { variant_id: "var_book" }], plans)).toBe(false)
  })

  it("is false when a planned line requires shipping (a boxed course)", () => {
    expect(isDigitalOnlyOrder([{ variant_id: "var_course", requires_shipping: true }], plans)).toBe(false)
  })

  it("is false for an empty order and for a custom line without a variant", () => {
    expect(isDigitalOnlyOrder([], plans)).toBe(false)
    expect(isDigitalOnlyOrder([{ variant_id: null }], plans)).toBe(false)
  })
})

describe("captureFailureReason", () => {
  it("names the provider's message, bounded, or says only that capture failed", () => {
    expect(captureFailureReason("Your card was declined.")).toBe("payment capture failed: Your card was declined.")
    expect(captureFailureReason(undefined)).toBe("payment capture failed")
    expect(captureFailureReason("x".repeat(1000)).length).toBe("payment capture failed: ".length + 300)
  })
})
