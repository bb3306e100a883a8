/**
 * CSV from table rows, built in the browser from the API's answer (RFC 4180: fields with a
 * comma, quote or line break are quoted, quotes doubled). A cell starting with = + - @ or a
 * tab/CR is prefixed with ' so a spreadsheet shows it as text instead of running it as a
 * formula; plain numbers (like -12.50) stay numbers.
 */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null | undefined }

const NUMBER = /^-?\d+(\.\d+)?$/

export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ""
  let s = String(v)
  if (/^[=+\-@\t\r]/.test(s) && !NUMBER.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")]
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(","))
  return lines.join("\r\n") + "\r\n"
}

/** Saves `text` as a file named `name` (a Blob link clicked once, then released). */
export function downloadCsv(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }))
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}
