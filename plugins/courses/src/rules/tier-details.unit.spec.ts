import { withTierDetails } from "./tier-details"

describe("withTierDetails", () => {
  const tiers = [
    { tier: 1, variants: [{ id: "v1" }] },
    { tier: 2, variants: [{ id: "v2" }] },
  ]

  it("adds each tier's name and includes; tiers without details get null and []", () => {
    expect(withTierDetails(tiers, [{ tier: 2, name: "Pro", includes: ["Reviews"] }])).toEqual([
      { tier: 1, variants: [{ id: "v1" }], name: null, includes: [] },
      { tier: 2, variants: [{ id: "v2" }], name: "Pro", includes: ["Reviews"] },
    ])
  })

  it("leaves out details of tiers the product does not sell and treats a blank name as none", () => {
    const out = withTierDetails(tiers, [
      { tier: 1, name: "  " },
      { tier: 7, name: "Ghost", includes: ["x"] },
    ])
    expect(out.map((t) => [t.tier, t.name, t.includes])).toEqual([
      [1, null, []],
      [2, null, []],
    ])
  })

  it("takes no details at all", () => {
    expect(withTierDetails(tiers, null).map((t) => t.name)).toEqual([null, null])
  })
})
