import { csvCell, toCsv } from "./csv"
import { bucketStarts, change, lastDays, minorToDecimal, toMicros } from "./period"

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks, and ends rows with CRLF", () => {
    const rows = [
      { name: 'Course, "advanced"', amount: "12.50" },
      { name: "Line\nbreak", amount: "-3" },
      { name: "plain", amount: null },
    ]
    const csv = toCsv([{ header: "Name", value: (r: (typeof rows)[number]) => r.name }, { header: "Amount", value: (r) => r.amount }], rows)
    expect(csv).toBe('Name,Amount\r\n"Course, ""advanced""",12.50\r\n"Line\nbreak",-3\r\nplain,\r\n')
  })

  it("defuses spreadsheet formulas but keeps negative numbers numeric", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell("+1+2")).toBe("'+1+2")
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)")
    expect(csvCell("-12.50")).toBe("-12.50")
    expect(csvCell(0)).toBe("0")
    expect(csvCell(" padded")).toBe('" padded"')
  })
})

describe("period helpers", () => {
  it("lastDays counts today in", () => {
    expect(lastDays(7, new Date("2026-03-10T15:00:00Z"))).toEqual({ from: "2026-03-04", to: "2026-03-10" })
  })

  it("bucketStarts follows Postgres date_trunc (Monday weeks, month starts)", () => {
    expect(bucketStarts("2026-01-30", "2026-02-02", "day")).toEqual(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"])
    // 2026-01-01 is a Thursday: its week starts Monday 2025-12-29.
    expect(bucketStarts("2026-01-01", "2026-01-12", "week")).toEqual(["2025-12-29", "2026-01-05", "2026-01-12"])
    expect(bucketStarts("2026-01-15", "2026-03-01", "month")).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"])
  })

  it("change is exact on decimal strings and null without a base", () => {
    expect(change("0.3", "0.1")).toBe(2)
    expect(change("90", "100")).toBe(-0.1)
    expect(change(3, 0)).toBeNull()
    expect(change("5", undefined)).toBeNull()
    expect(change("-50", "-100")).toBe(0.5)
    expect(toMicros("1.5")).toBe(1_500_000n)
    expect(toMicros("abc")).toBeNull()
  })

  it("minorToDecimal keeps JPY whole and pads cents", () => {
    expect(minorToDecimal(1999, "usd")).toBe("19.99")
    expect(minorToDecimal(5, "usd")).toBe("0.05")
    expect(minorToDecimal(-250, "eur")).toBe("-2.50")
    expect(minorToDecimal(1500, "jpy")).toBe("1500")
  })
})
