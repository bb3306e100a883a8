import { z } from "@medusajs/framework/zod"

/**
 * The one string schema every Volmify plugin validates with. PostgreSQL rejects a NUL byte
 * in text ("invalid byte sequence") and Medusa turns that into a 500, so NUL never gets past
 * validation; every string has a length cap so a 1 MB value is a 400, not a slow insert.
 * Import it from `@volmify/orgs/validation` (orgs is the plugin every other one depends on).
 */
export const MAX_TEXT_LENGTH = 10_000
/** Lesson bodies, descriptions, submissions: long, and leading whitespace may matter. */
export const MAX_LONG_TEXT_LENGTH = 200_000
/** Path parameters (ids, handles, codes) and single query values. */
export const MAX_PARAM_LENGTH = 200

const NO_NUL = /^[^\u0000]*$/
const NUL_MESSAGE = "must not contain NUL bytes (\\u0000)"

/** A trimmed string without NUL, at most MAX_TEXT_LENGTH; chain `.min/.max/.email/.regex` as usual. */
export const text = () => z.string().trim().regex(NO_NUL, NUL_MESSAGE).max(MAX_TEXT_LENGTH)

/** Like `text()` but untrimmed and up to MAX_LONG_TEXT_LENGTH (bodies, answers). */
export const longText = () => z.string().regex(NO_NUL, NUL_MESSAGE).max(MAX_LONG_TEXT_LENGTH)

/** True when `value` contains a NUL byte. */
export const hasNul = (value: string) => value.includes("\u0000")

export type UnsafeInputProblem = { where: string; problem: string }

/**
 * First problem in a decoded request part (path segments, query, JSON body), or null.
 * Walks objects and arrays to any depth; `maxStringLength` caps every string met.
 */
export function findUnsafeInput(
  value: unknown,
  where: string,
  maxStringLength: number,
  depth = 0
): UnsafeInputProblem | null {
  if (depth > 32) return { where, problem: "is nested too deeply" }
  if (typeof value === "string") {
    if (hasNul(value)) return { where, problem: NUL_MESSAGE }
    if (value.length > maxStringLength) return { where, problem: `is longer than ${maxStringLength} characters` }
    return null
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeInput(value[i], `${where}[${i}]`, maxStringLength, depth + 1)
      if (found) return found
    }
    return null
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (hasNul(key)) return { where: `${where}.${key.replace(/\u0000/g, "\\u0000")}`, problem: NUL_MESSAGE }
      const found = findUnsafeInput(inner, `${where}.${key}`, maxStringLength, depth + 1)
      if (found) return found
    }
  }
  return null
}
