// Counts the lines of each plugin's non-spec source that use `any` as a type, so a unit
// spec can hold the numbers to a ratchet (issue 28, item 2: strict types, anys replaced).
import fs from "node:fs"
import path from "node:path"

/**
 * `: any`, `as any`, `<any>`, `any[]`: the pattern the issue counts with grep, with word
 * boundaries so that "many[]" or "has anyone" do not count.
 */
export const ANY_PATTERN = /:\s*any\b|\bas any\b|<any>|\bany\[\]/

const SOURCE = /\.(ts|tsx)$/
const SPEC = /(\.spec\.|__tests__|__fixtures__)/

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === "node_modules") continue
      out.push(...sourceFiles(full))
    } else if (SOURCE.test(entry.name) && !SPEC.test(full)) {
      out.push(full)
    }
  }
  return out
}

/** Lines using `any` in `plugins/<plugin>/src`, spec and test-fixture files left out. */
export function countAnyLines(pluginSrc: string): { total: number; byFile: Record<string, number> } {
  const byFile: Record<string, number> = {}
  let total = 0
  for (const file of sourceFiles(pluginSrc)) {
    const n = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => ANY_PATTERN.test(line)).length
    if (n) {
      byFile[path.relative(pluginSrc, file)] = n
      total += n
    }
  }
  return { total, byFile }
}
