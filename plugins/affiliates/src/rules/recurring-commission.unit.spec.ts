import { recurringCommissionRefusal } from "./recurring-commission"

const monthly = { interval: "month" as const, interval_count: 1 }

describe("recurringCommissionRefusal", () => {
  it("first payment only (the default): period 1 earns, renewals do not", () => {
    expect(recurringCommissionRefusal({}, monthly, 1)).toBeNull()
    expect(recurringCommissionRefusal({ recurring_commission: "first_payment" }, monthly, 1)).toBeNull()
    expect(recurringCommissionRefusal({}, monthly, 2)).toContain("first payment only")
    expect(recurringCommissionRefusal({ recurring_commission: null }, monthly, 4)).toContain("first payment only")
  })

  it("recurring for N months: periods starting less than N months after the first", () => {
    const two = { recurring_commission: "recurring" as const, recurring_months: 2 }
    expect([1, 2, 3, 4].map((p) => recurringCommissionRefusal(two, monthly, p) === null)).toEqual([true, true, false, false])
    expect(recurringCommissionRefusal(two, monthly, 3)).toContain("period 3 starts after the program's 2 months")
    // Quarterly, 6 months: periods at 0, 3 -> earn; 6 -> not.
    const six = { recurring_commission: "recurring" as const, recurring_months: 6 }
    expect([1, 2, 3].map((p) => recurringCommissionRefusal(six, { interval: "month", interval_count: 3 }, p) === null)).toEqual([true, true, false])
    // Weekly, 1 month = 52/12 = 4.33 weeks: weeks 0..4 earn, week 5 (the 6th period) does not.
    const one = { recurring_commission: "recurring" as const, recurring_months: 1 }
    expect([1, 2, 3, 4, 5, 6].map((p) => recurringCommissionRefusal(one, { interval: "week", interval_count: 1 }, p) === null)).toEqual([
      true, true, true, true, true, false,
    ])
    // Yearly, 12 months: the first year only; 13 months: the second too.
    expect(recurringCommissionRefusal({ ...one, recurring_months: 12 }, { interval: "year", interval_count: 1 }, 2)).not.toBeNull()
    expect(recurringCommissionRefusal({ ...one, recurring_months: 13 }, { interval: "year", interval_count: 1 }, 2)).toBeNull()
  })

  it("recurring forever: every period", () => {
    const forever = { recurring_commission: "recurring" as const, recurring_months: null }
    expect([1, 2, 50, 500].every((p) => recurringCommissionRefusal(forever, monthly, p) === null)).toBe(true)
  })
})
