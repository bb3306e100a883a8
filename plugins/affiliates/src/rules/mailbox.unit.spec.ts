import { canonicalMailbox, sameMailbox } from "./mailbox"

describe("canonicalMailbox / sameMailbox (self-referral by alias, issue 20)", () => {
  it("ignores case, surrounding spaces, plus tags and a trailing dot of the domain", () => {
    expect(canonicalMailbox(" Name+X@Domain.COM ")).toBe("name@domain.com")
    expect(canonicalMailbox("name+a+b@domain.com.")).toBe("name@domain.com")
    expect(sameMailbox("name+x@domain.com", "name@domain.com")).toBe(true)
  })
  it("drops dots and folds googlemail.com at Gmail only", () => {
    expect(canonicalMailbox("N.a.M.e+promo@googlemail.com")).toBe("name@gmail.com")
    expect(sameMailbox("n.ame@gmail.com", "name@googlemail.com")).toBe(true)
    expect(sameMailbox("n.ame@domain.com", "name@domain.com")).toBe(false)
  })
  it("keeps different mailboxes apart and refuses what is not an address", () => {
    expect(sameMailbox("name@domain.com", "name@other.com")).toBe(false)
    expect(sameMailbox("name2@domain.com", "name@domain.com")).toBe(false)
    expect(sameMailbox(null, null)).toBe(false)
    expect(sameMailbox("", "")).toBe(false)
    expect(canonicalMailbox("no-at-sign")).toBeNull()
    expect(canonicalMailbox("+tag@domain.com")).toBeNull()
    expect(canonicalMailbox("@domain.com")).toBeNull()
  })
})
