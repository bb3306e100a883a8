import { domainChallengeRecord, txtAnswerProves } from "./domain-verification"

describe("domain verification record", () => {
  it("names a TXT record under the hostname carrying the claim's token", () => {
    expect(domainChallengeRecord("learn.example.com", "abc123")).toEqual({
      type: "TXT",
      name: "_volmify-challenge.learn.example.com",
      value: "volmify-domain-verification=abc123",
    })
  })
  it("accepts the exact value, also split into chunks, among other records; nothing else", () => {
    expect(txtAnswerProves([["v=spf1 -all"], ["volmify-domain-verification=", "abc123"]], "abc123")).toBe(true)
    expect(txtAnswerProves([["volmify-domain-verification=abc1234"]], "abc123")).toBe(false)
    expect(txtAnswerProves([["volmify-domain-verification=ABC123"]], "abc123")).toBe(false)
    expect(txtAnswerProves([], "abc123")).toBe(false)
  })
})
