import { ALLOWLIST } from "./allowlist"
import type { RelationRule, Rule } from "./types"

type Compiled = { rule: Rule; regex: RegExp; names: string[] }

const compile = (rule: Rule): Compiled => {
  const names: string[] = []
  const source = rule.path
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        names.push(segment.slice(1))
        return "([^/]+)"
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    })
    .join("/")
  return { rule, regex: new RegExp(`^${source}/?$`), names }
}

const COMPILED = ALLOWLIST.map(compile)

/**
 * Literal path segments of core routes that sit where an allowlisted row has a parameter
 * (POST /admin/products/batch vs POST /admin/products/:id): never read as an id, so such
 * routes stay unmatched (403) unless a row names them.
 */
const RESERVED = new Set(["batch", "export", "import", "imports", "me", "rule-value-options", "rule-attribute-options", "payment-providers"])

/** The first allowlist row for `method` + `path` (no query string), with its params. */
export function findRule(
  method: string,
  path: string
): { rule: Rule; params: Record<string, string> } | null {
  for (const { rule, regex, names } of COMPILED) {
    if (rule.method !== method) {
      continue
    }
    const m = regex.exec(path)
    if (m && !m.slice(1).some((v) => RESERVED.has(v))) {
      const params: Record<string, string> = {}
      names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])))
      return { rule, params }
    }
  }
  return null
}

/**
 * The relations a request may ask for. Writes answer with the record they change, shaped
 * by the same `?fields=`: they take the relations of the read row of the same path.
 */
export function relationsFor(rule: Rule): RelationRule | undefined {
  return rule.relations ?? ALLOWLIST.find((r) => r.method === "GET" && r.path === rule.path)?.relations
}
