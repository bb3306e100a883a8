import { newVerificationCode, normaliseVerificationCode, VERIFICATION_CODE_PATTERN } from "./code"

describe("verification codes", () => {
  it("are well formed and different each time", () => {
    const codes = new Set(Array.from({ length: 500 }, () => newVerificationCode()))
    expect(codes.size).toBe(500)
    for (const c of codes) expect(c).toMatch(VERIFICATION_CODE_PATTERN)
  })
  it("normalise what a visitor types", () => {
    expect(normaliseVerificationCode(" vcrt-7k3m-q9xd-2htw ")).toBe("VCRT-7K3M-Q9XD-2HTW")
    expect(normaliseVerificationCode("VCRT-0OO0-1IL1-AAAA")).toBe("VCRT-0000-1111-AAAA")
  })
})
