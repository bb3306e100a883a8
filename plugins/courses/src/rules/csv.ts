/**
 * CSV cells and lines (RFC 4180): a cell with a comma, quote, CR or LF is quoted with inner
 * quotes doubled. A text cell starting with = + - @ TAB or CR is prefixed with ' so a
 * spreadsheet does not run it as a formula (names and emails are typed by students).
 */
export type CsvValue = string | number | boolean | Date | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ""
  if (value instanceof Date) return value.toISOString()
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n"
}
