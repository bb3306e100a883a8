import { MedusaError } from "@medusajs/framework/utils"
import type { RelationGraph } from "./relation-graph"
import type { RelationRule } from "./types"

/**
 * One `fields` entry as Medusa's FieldParser reads it: `+`, space (a `+` decoded from the
 * query string) and `-` prefixes; `*rel` and `rel.*` select all of a relation.
 */
export type FieldEntry = { raw: string; segments: string[]; star: boolean }

export function parseFieldEntries(value: string): FieldEntry[] {
  return value
    .split(",")
    .filter((raw) => raw.trim() !== "")
    .map((raw) => {
      const bare = raw.replace(/^[+ \t-]+/, "").trim()
      const star = bare.startsWith("*") || bare.endsWith(".*")
      const path = bare.replace(/^\*+/, "").replace(/(\.\*)+$/, "")
      return { raw: raw.trim(), segments: path.split("."), star }
    })
}

/** A query parameter as one comma-separated string (`?fields=a&fields=b`, `fields[]=`). */
function asText(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === "string") return value
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(",")
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `"${name}" must be a comma-separated list of field names`)
}

/**
 * The first relation path of `entry` that `rule` does not allow, or null. Every segment
 * before the last is a relation hop (or a nested object: allowed only when listed too);
 * the last is one when it is starred or the schema knows it as a relation.
 */
export function deniedPath(entry: FieldEntry, rule: RelationRule | undefined, graph: RelationGraph): string | null {
  const allowed = new Set(rule?.paths ?? [])
  let type: string | null = rule?.entity ?? null
  for (let i = 0; i < entry.segments.length; i++) {
    const prefix = entry.segments.slice(0, i + 1).join(".")
    const target: string | undefined = type ? graph.get(type)?.get(entry.segments[i]) : undefined
    const isLast = i === entry.segments.length - 1
    if ((!isLast || entry.star || target !== undefined) && !allowed.has(prefix)) {
      return prefix
    }
    type = target ?? null
  }
  return null
}

/**
 * Deny by default for relations: every relation a read's `fields` or `order` names must
 * be one of the row's paths (types.ts RelationRule). 400 naming the first path that is not.
 */
export function checkAskedRelations(
  route: string,
  query: Record<string, unknown> | undefined,
  rule: RelationRule | undefined,
  graph: RelationGraph
) {
  if (rule?.entity && !graph.has(rule.entity)) {
    // A typo here would let bare relation names through: fail closed, loudly.
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Allowlist entity ${rule.entity} of ${route} is not a Query entity`)
  }
  for (const name of ["fields", "order"]) {
    const text = asText(name, query?.[name])
    if (text === null) continue
    for (const entry of parseFieldEntries(text)) {
      if (entry.segments.some((s) => s === "" || s === "*")) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${route}: "${entry.raw}" in "${name}" is not a field path`)
      }
      const denied = deniedPath(entry, rule, graph)
      if (denied) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `${route}: org staff cannot ask for the relation "${denied}" through "${name}" (${entry.raw})`
        )
      }
    }
  }
}
