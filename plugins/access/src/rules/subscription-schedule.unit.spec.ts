import { addIntervals, nextDunningStep } from "./subscription-schedule"

const d = (s: string) => new Date(s)

describe("addIntervals", () => {
  it("keeps the anchor day and clamps to short months without drifting", () => {
    const anchor = d("2027-01-31T10:00:00Z")
    expect(addIntervals(anchor, "month", 1).toISOString()).toBe("2027-02-28T10:00:00.000Z")
    expect(addIntervals(anchor, "month", 2).toISOString()).toBe("2027-03-31T10:00:00.000Z")
    expect(addIntervals(anchor, "month", 13).toISOString()).toBe("2028-02-29T10:00:00.000Z")
  })
  it("adds weeks and years", () => {
    expect(addIntervals(d("2027-03-01T00:00:00Z"), "week", 2).toISOString()).toBe("2027-03-15T00:00:00.000Z")
    expect(addIntervals(d("2028-02-29T00:00:00Z"), "year", 1).toISOString()).toBe("2029-02-28T00:00:00.000Z")
  })
})

describe("nextDunningStep", () => {
  const since = d("2027-05-01T00:00:00Z")
  it("retries after 1, 3 and 5 days, then cancels", () => {
    expect(nextDunningStep(since, 1, since)).toEqual({ action: "retry", at: d("2027-05-02T00:00:00Z") })
    expect(nextDunningStep(since, 2, since)).toEqual({ action: "retry", at: d("2027-05-04T00:00:00Z") })
    expect(nextDunningStep(since, 3, since)).toEqual({ action: "retry", at: d("2027-05-06T00:00:00Z") })
    expect(nextDunningStep(since, 4, since)).toEqual({ action: "cancel" })
  })
  it("never retries past the org's grace period", () => {
    expect(nextDunningStep(since, 3, since, [1, 3, 5], 4)).toEqual({ action: "retry", at: d("2027-05-05T00:00:00Z") })
    expect(nextDunningStep(since, 2, d("2027-05-05T00:00:00Z"), [1, 3, 5], 4)).toEqual({ action: "cancel" })
  })
})
