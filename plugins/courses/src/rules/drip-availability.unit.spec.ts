import { dripAvailableAt, isDripReleased } from "./drip-availability"

const enrolled = new Date("2026-01-01T00:00:00Z")
const now = new Date("2026-01-05T00:00:00Z")
const day = 86_400_000

describe("dripAvailableAt", () => {
  it("is null when no level drips (0 days counts as no drip)", () => {
    expect(dripAvailableAt([], enrolled, now)).toBeNull()
    expect(dripAvailableAt([{}, { drip_days: null, drip_date: null }, { drip_days: 0 }], enrolled, now)).toBeNull()
  })

  it("counts days from the enrollment", () => {
    expect(dripAvailableAt([{ drip_days: 7 }], enrolled, now)).toEqual(new Date(enrolled.getTime() + 7 * day))
  })

  it("without an enrollment the clock starts now", () => {
    expect(dripAvailableAt([{ drip_days: 2 }], null, now)).toEqual(new Date(now.getTime() + 2 * day))
  })

  it("takes a fixed date as is, and the latest of all levels", () => {
    const date = "2026-02-01T09:00:00.000Z"
    expect(dripAvailableAt([{ drip_date: date }], enrolled, now)).toEqual(new Date(date))
    expect(dripAvailableAt([{ drip_days: 3 }, { drip_days: 10 }, { drip_days: 1 }], enrolled, now)).toEqual(
      new Date(enrolled.getTime() + 10 * day)
    )
    expect(dripAvailableAt([{ drip_days: 60 }, { drip_date: date }], enrolled, now)).toEqual(new Date(enrolled.getTime() + 60 * day))
    expect(dripAvailableAt([{ drip_days: 1, drip_date: date }], enrolled, now)).toEqual(new Date(date))
  })

  it("isDripReleased: open at and after the moment", () => {
    expect(isDripReleased(null, now)).toBe(true)
    expect(isDripReleased(now, now)).toBe(true)
    expect(isDripReleased(new Date(now.getTime() - 1), now)).toBe(true)
    expect(isDripReleased(new Date(now.getTime() + 1), now)).toBe(false)
  })
})
