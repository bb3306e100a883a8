import { csvCell, csvLine } from "./csv"

describe("csv", () => {
  it("leaves plain cells alone and writes empty for null/undefined", () => {
    expect(csvLine(["ada@example.com", 3, true, null, undefined])).toBe("ada@example.com,3,true,,\r\n")
  })

  it("quotes cells with a comma, a quote or a line break, doubling inner quotes", () => {
    expect(csvCell('Lovelace, Ada')).toBe('"Lovelace, Ada"')
    expect(csvCell('Ada "the first"')).toBe('"Ada ""the first"""')
    expect(csvCell("two\nlines")).toBe('"two\nlines"')
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"')
  })

  it("neutralises spreadsheet formulas in text cells but not negative numbers", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvCell("+1")).toBe("'+1")
    expect(csvCell("@cmd")).toBe("'@cmd")
    expect(csvCell(-5)).toBe("-5")
  })

  it("writes dates as ISO 8601", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z")
  })
})
