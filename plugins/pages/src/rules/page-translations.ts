import { z } from "@medusajs/framework/zod"
import { BLOCK_SCHEMAS, BLOCK_TYPES, LIMITS, type Block, type BlockType } from "./blocks"

/*
 * Page-block translations (issue 26, locales per org). Which texts of a page can be
 * translated is derived from the block schemas in blocks.ts: a string field whose key names
 * words a visitor reads (TEXT_KEYS) is translatable wherever it sits (in items, in rich-text
 * runs); every other string (URLs, ids, course ids, video ids, dates) and every enum, number
 * and boolean is not. A translation is addressed by the block's id and the text's path in it
 * ("items[1].answer", "content[0].children[2].text"), so it follows the block when blocks
 * are reordered. Pure; the routes gather the rows.
 */

/**
 * Keys of string fields that hold words (headings, bodies, labels, answers, quotes, alt
 * texts). People's names (`name`) are left as written: they are not translated.
 */
export const TEXT_KEYS = new Set(["heading", "text", "label", "title", "quote", "role", "question", "answer", "bio", "button_label", "expired_text", "image_alt"])

/** The pseudo block id of the page's own SEO texts (`page.seo.title`, `.description`). */
export const SEO_BLOCK_ID = "_seo"
export const SEO_FIELDS: readonly TranslatableField[] = [
  { pattern: "title", max: LIMITS.short },
  { pattern: "description", max: 500 },
]

/** A translatable text of a block type: its path with `[]` for any index, and its length limit. */
export type TranslatableField = { pattern: string; max: number }

/** The string leaves of a schema whose key is a TEXT_KEY, as path patterns ("items[].quote"). */
function textLeaves(schema: z.ZodType, path: string, key: string | null, out: Map<string, number>): void {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return textLeaves(schema.unwrap() as z.ZodType, path, key, out)
  if (schema instanceof z.ZodDefault) return textLeaves(schema.def.innerType as z.ZodType, path, key, out)
  if (schema instanceof z.ZodObject) {
    for (const [k, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) textLeaves(child, path ? `${path}.${k}` : k, k, out)
    return
  }
  if (schema instanceof z.ZodArray) return textLeaves(schema.element as z.ZodType, `${path}[]`, key, out)
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as readonly z.ZodType[]) textLeaves(option, path, key, out)
    return
  }
  if (schema instanceof z.ZodString && key !== null && TEXT_KEYS.has(key)) out.set(path, schema.maxLength ?? LIMITS.text)
}

/** The translatable texts of one block type, derived from its schema. */
export function translatableFieldsOf(type: BlockType): TranslatableField[] {
  const out = new Map<string, number>()
  textLeaves(BLOCK_SCHEMAS[type] as z.ZodType, "", null, out)
  return [...out].map(([pattern, max]) => ({ pattern, max }))
}

/** Every block type's translatable texts, computed once. */
export const TRANSLATABLE_BLOCK_FIELDS: Record<BlockType, TranslatableField[]> = Object.fromEntries(
  BLOCK_TYPES.map((type) => [type, translatableFieldsOf(type)])
) as Record<BlockType, TranslatableField[]>

/** "items[3].quote" -> "items[].quote": the pattern a concrete path belongs to. */
export const patternOf = (field: string) => field.replace(/\[\d+\]/g, "[]")

/** A concrete text path as the routes accept it: keys and indexes only. */
export const FIELD_PATH = /^[a-z_]+(\[\d{1,4}\])*(\.[a-z_]+(\[\d{1,4}\])*)*$/

/** The translatable fields of a block type (or of the page's SEO), for messages and checks. */
const fieldsOf = (type: string): readonly TranslatableField[] =>
  type === "seo" ? SEO_FIELDS : (TRANSLATABLE_BLOCK_FIELDS[type as BlockType] ?? [])

/** Whether `field` (a concrete path) is a text that blocks of `type` can translate. */
export function isTranslatableField(type: string, field: string): boolean {
  if (!FIELD_PATH.test(field)) return false
  const pattern = patternOf(field)
  return fieldsOf(type).some((f) => f.pattern === pattern)
}

/** One text of the page in its default locale. `block_type` is "seo" for the page's SEO. */
export type PageSourceText = { block_id: string; block_type: string; field: string; source: string; max: number }

/** The non-empty translatable texts of one block, in document order. */
export function blockTexts(block: Block | { id: string; type: string; [k: string]: unknown }): PageSourceText[] {
  const fields = fieldsOf(block.type)
  if (!fields.length) return []
  const maxOf = new Map(fields.map((f) => [f.pattern, f.max]))
  const out: PageSourceText[] = []
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      const max = maxOf.get(patternOf(path))
      if (max !== undefined && value.trim() !== "") out.push({ block_id: block.id, block_type: block.type, field: path, source: value, max })
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`))
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k)
    }
  }
  const { id: _id, type: _type, ...fieldsOfBlock } = block as Record<string, unknown>
  walk(fieldsOfBlock, "")
  // Stored blocks come back from jsonb with their keys reordered: sort into the schema's
  // field order (array items by index), so lists read in the order of the page.
  const rank = (field: string) => documentRank(field, fields)
  return out.map((t) => ({ t, r: rank(t.field) })).sort((a, b) => compareRanks(a.r, b.r)).map(({ t }) => t)
}

/**
 * A text's position in its block: for each key of its path, the index of the first
 * translatable pattern under that key (schema order); for each index, the index.
 */
function documentRank(field: string, fields: readonly TranslatableField[]): number[] {
  const rank: number[] = []
  let prefix = ""
  for (const m of field.matchAll(TOKEN)) {
    if (m[2] !== undefined) {
      prefix += "[]"
      rank.push(Number(m[2]))
      continue
    }
    prefix += prefix ? `.${m[1]}` : m[1]
    const at = fields.findIndex((f) => f.pattern === prefix || f.pattern.startsWith(`${prefix}.`) || f.pattern.startsWith(`${prefix}[`))
    rank.push(at)
  }
  return rank
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/** The page's SEO title and description, when the merchant wrote them (derived defaults follow the blocks). */
export function seoTexts(seo: Record<string, unknown> | null | undefined): PageSourceText[] {
  return SEO_FIELDS.flatMap(({ pattern, max }) => {
    const value = seo?.[pattern]
    return typeof value === "string" && value.trim() !== "" ? [{ block_id: SEO_BLOCK_ID, block_type: "seo", field: pattern, source: value, max }] : []
  })
}

/** Every translatable text of a page version (its blocks, then its SEO). */
export const pageSourceTexts = (blocks: ReadonlyArray<{ id: string; type: string }>, seo: Record<string, unknown> | null | undefined): PageSourceText[] => [
  ...blocks.flatMap((b) => blockTexts(b as Block)),
  ...seoTexts(seo),
]

export type PageTranslationRow = { block_id: string; field: string; value: string | null }
export type PageTranslationProblem = { index: number; block_id: string; field: string; message: string }

/** "translations[2] block "faq" (faq) items[9].answer: ..." */
export const describeTranslationProblem = (p: PageTranslationProblem) =>
  `translations[${p.index}] block "${p.block_id}"${p.field ? ` ${p.field}` : ""}: ${p.message}`

/**
 * Checks every row against the page's draft before anything is written: the block must be
 * on the draft (or be `_seo`), the field a text its type translates, the text present in
 * the draft, the value within the field's length limit. Returns every problem (up to 20).
 */
export function checkTranslationRows(
  rows: readonly PageTranslationRow[],
  blocks: ReadonlyArray<{ id: string; type: string }>,
  seo: Record<string, unknown> | null | undefined
): PageTranslationProblem[] {
  const typeOf = new Map<string, string>(blocks.map((b) => [b.id, b.type]))
  typeOf.set(SEO_BLOCK_ID, "seo")
  const texts = new Map(pageSourceTexts(blocks, seo).map((s) => [`${s.block_id}\u0000${s.field}`, s]))
  const seen = new Set<string>()
  const problems: PageTranslationProblem[] = []
  rows.forEach((row, index) => {
    const type = typeOf.get(row.block_id)
    const problem = (message: string) => problems.push({ index, block_id: row.block_id, field: row.field, message })
    if (!type) return problem("is not a block of this page's draft")
    if (!isTranslatableField(type, row.field)) {
      const fields = fieldsOf(type).map((f) => f.pattern)
      return problem(`cannot be translated on a ${type} block (${fields.length ? `its texts: ${fields.join(", ")}` : "it has no texts"})`)
    }
    const key = `${row.block_id}\u0000${row.field}`
    if (seen.has(key)) return problem("is given twice")
    seen.add(key)
    const text = texts.get(key)
    if (row.value === null) return
    if (!text) return problem("has no text in the draft to translate")
    if (row.value.length > text.max) return problem(`must be at most ${text.max} characters`)
    if (row.value.includes("\u0000")) return problem("must not contain NUL characters")
  })
  return problems.slice(0, 20)
}

/** Translations of one page in one locale, by block id and field. */
export type PageTranslations = Map<string, string>
export const translationKey = (blockId: string, field: string) => `${blockId}\u0000${field}`
export const pageTranslationMap = (rows: ReadonlyArray<{ block_id: string; field: string; value: string }>): PageTranslations =>
  new Map(rows.filter((r) => r.value.trim() !== "").map((r) => [translationKey(r.block_id, r.field), r.value]))

const TOKEN = /([a-z_]+)|\[(\d+)\]/g

/** Sets the string at a concrete path of a (cloned) block; a path that does not exist is left alone. */
function setAt(target: Record<string, unknown>, field: string, value: string) {
  const tokens = [...field.matchAll(TOKEN)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])))
  let node: unknown = target
  for (let i = 0; i < tokens.length - 1; i++) {
    node = (node as Record<string | number, unknown> | null)?.[tokens[i]]
    if (!node || typeof node !== "object") return
  }
  const last = tokens[tokens.length - 1]
  const parent = node as Record<string | number, unknown>
  if (typeof parent[last] === "string") parent[last] = value
}

/**
 * The blocks with each translated text in place; texts without a translation keep the
 * default (a translation whose text is gone from the block changes nothing). Blocks with no
 * translation are returned as they are.
 */
export function translateBlocks<B extends { id: string; type: string }>(blocks: readonly B[], t: PageTranslations): B[] {
  if (!t.size) return [...blocks]
  return blocks.map((block) => {
    const texts = blockTexts(block as unknown as Block).filter((s) => t.has(translationKey(block.id, s.field)))
    if (!texts.length) return block
    const copy = structuredClone(block) as unknown as Record<string, unknown>
    for (const s of texts) setAt(copy, s.field, t.get(translationKey(block.id, s.field)) as string)
    return copy as unknown as B
  })
}

/** The page's SEO with its title and description translated where a translation exists. */
export function translateSeo<S extends Record<string, unknown> | null>(seo: S, t: PageTranslations): S {
  if (!seo) return seo
  let out: Record<string, unknown> | null = null
  for (const { pattern } of SEO_FIELDS) {
    const value = t.get(translationKey(SEO_BLOCK_ID, pattern))
    if (value !== undefined && typeof seo[pattern] === "string") (out ??= { ...seo })[pattern] = value
  }
  return (out ?? seo) as S
}

export type MissingPageTranslation = { block_id: string; block_type: string; field: string; source: string }

/** The page's texts with no translation in `t`, in page order. */
export const missingPageTranslations = (sources: readonly PageSourceText[], t: PageTranslations): MissingPageTranslation[] =>
  sources
    .filter((s) => !t.has(translationKey(s.block_id, s.field)))
    .map(({ block_id, block_type, field, source }) => ({ block_id, block_type, field, source }))
