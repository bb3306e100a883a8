import { z } from "@medusajs/framework/zod"

/*
 * The blocks a sales page is made of, one zod schema per type. Pure (no Medusa container):
 * the admin routes validate with it, the unit spec tests it, the storefront renders the
 * same shapes. Text is stored as plain strings and escaped when rendered; rich text is
 * structured JSON (paragraphs, headings, lists, links, bold/italic), never HTML. Every URL
 * goes through `safeUrl`/`imageUrl`: `javascript:`, `data:` and any other scheme are refused.
 */

export const LIMITS = {
  /** Blocks on one page. */
  blocks: 60,
  /** A heading, label or name. */
  short: 200,
  /** A paragraph-sized text (hero text, answer, quote, bio). */
  text: 2_000,
  /** Nodes (paragraphs, headings, lists) in one rich-text block. */
  richNodes: 200,
  /** Inline runs in one paragraph, heading or list item. */
  inlines: 100,
  /** Items of a list, FAQ, testimonials, bios. */
  items: 30,
  /** Columns in a columns block. */
  columns: 4,
  /** Course ids in a course grid. */
  courses: 48,
  /** A URL. */
  url: 2_048,
  /** The whole blocks array, serialized. */
  bytes: 256_000,
} as const

const NUL = /\u0000/
const str = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !NUL.test(v), "must not contain NUL characters")
const required = (max: number) => str(max).min(1, "must not be empty")

// Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
const CONTROL = /[\u0000-\u0020\u007f-\u009f]/g
const SCHEME = /^([a-z][a-z0-9+.-]*):/i

/**
 * Whether a link target is safe to put in an href: http(s) or mailto, or a path on the
 * same site ("/p/launch", "#faq"). Anything with another scheme (javascript:, data:,
 * vbscript:, file:) is refused; so are protocol-relative "//host" links (ambiguous).
 */
export function isSafeLink(value: string): boolean {
  const compact = value.replace(CONTROL, "")
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase()
  if (scheme) {
    if (!["http", "https", "mailto"].includes(scheme)) return false
    if (scheme === "mailto") return true
    try {
      return Boolean(new URL(compact).hostname)
    } catch {
      return false
    }
  }
  if (compact.startsWith("//") || compact.startsWith("\\")) return false
  return compact.startsWith("/") || compact.startsWith("#") || compact.startsWith("?")
}

/** An image source: an https URL or a path on the same site. */
export function isSafeImage(value: string): boolean {
  const compact = value.replace(CONTROL, "")
  if (compact.startsWith("/") && !compact.startsWith("//") && !compact.startsWith("/\\")) return true
  try {
    const url = new URL(compact)
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname)
  } catch {
    return false
  }
}

const LINK_MESSAGE = "must be an http(s) or mailto URL or a path starting with / (no javascript:, data: or other schemes)"
const safeUrl = () => required(LIMITS.url).refine(isSafeLink, LINK_MESSAGE)
const imageUrl = () => required(LIMITS.url).refine(isSafeImage, "must be an http(s) URL or a path starting with / (no data: or other schemes)")
const courseId = () => required(100).regex(/^course_[A-Za-z0-9]+$/, "must be a course id (course_...)")

const cta = z.object({ label: required(LIMITS.short), href: safeUrl() }).strict()

// --- rich text: structured, so nothing in it can be markup.
const textRun = z
  .object({ type: z.literal("text"), text: str(LIMITS.text), bold: z.boolean().optional(), italic: z.boolean().optional() })
  .strict()
const linkRun = z
  .object({ type: z.literal("link"), href: safeUrl(), children: z.array(textRun).min(1).max(LIMITS.inlines) })
  .strict()
const inline = z.discriminatedUnion("type", [textRun, linkRun])
const inlines = z.array(inline).max(LIMITS.inlines, `must have at most ${LIMITS.inlines} runs`)
const richNode = z.discriminatedUnion("type", [
  z.object({ type: z.literal("paragraph"), children: inlines }).strict(),
  z.object({ type: z.literal("heading"), level: z.union([z.literal(2), z.literal(3), z.literal(4)]), children: inlines }).strict(),
  z
    .object({ type: z.literal("list"), ordered: z.boolean().default(false), items: z.array(inlines).min(1).max(LIMITS.items) })
    .strict(),
])
export type RichNode = z.infer<typeof richNode>
export type InlineRun = z.infer<typeof inline>

const heading = () => str(LIMITS.short).optional()

/** One schema per block type, keyed by type. */
export const BLOCK_SCHEMAS = {
  hero: z
    .object({
      heading: required(LIMITS.short),
      text: str(LIMITS.text).optional(),
      image_url: imageUrl().optional(),
      cta: cta.optional(),
    })
    .strict(),
  rich_text: z
    .object({ content: z.array(richNode).min(1).max(LIMITS.richNodes, `must have at most ${LIMITS.richNodes} nodes`) })
    .strict(),
  course_grid: z
    .object({
      heading: heading(),
      courses: z.union([z.literal("all"), z.array(courseId()).min(1).max(LIMITS.courses, `must list at most ${LIMITS.courses} courses`)]),
    })
    .strict(),
  pricing_table: z.object({ heading: heading(), course_id: courseId() }).strict(),
  testimonials: z
    .object({
      heading: heading(),
      items: z
        .array(
          z
            .object({
              quote: required(LIMITS.text),
              name: required(LIMITS.short),
              role: str(LIMITS.short).optional(),
              avatar_url: imageUrl().optional(),
            })
            .strict()
        )
        .min(1)
        .max(LIMITS.items),
    })
    .strict(),
  faq: z
    .object({
      heading: heading(),
      items: z
        .array(z.object({ question: required(LIMITS.short), answer: required(LIMITS.text) }).strict())
        .min(1)
        .max(LIMITS.items),
    })
    .strict(),
  video: z
    .object({
      title: str(LIMITS.short).optional(),
      provider: z.enum(["youtube", "vimeo", "mux", "url"]),
      video_id: str(64).optional(),
      url: required(LIMITS.url).optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      const ID: Record<string, [RegExp, string]> = {
        youtube: [/^[A-Za-z0-9_-]{11}$/, "must be an 11-character YouTube video id"],
        vimeo: [/^\d{5,12}$/, "must be a numeric Vimeo video id"],
        mux: [/^[A-Za-z0-9]{10,64}$/, "must be a Mux playback id"],
      }
      if (v.provider === "url") {
        if (!v.url) ctx.addIssue({ code: "custom", path: ["url"], message: "is required when provider is url" })
        else if (!/^https:\/\//i.test(v.url) || !isSafeImage(v.url)) ctx.addIssue({ code: "custom", path: ["url"], message: "must be an https URL" })
        return
      }
      const [pattern, message] = ID[v.provider]
      if (!v.video_id) ctx.addIssue({ code: "custom", path: ["video_id"], message: `is required when provider is ${v.provider}` })
      else if (!pattern.test(v.video_id)) ctx.addIssue({ code: "custom", path: ["video_id"], message })
    }),
  instructor_bios: z
    .object({
      heading: heading(),
      items: z
        .array(z.object({ name: required(LIMITS.short), bio: str(LIMITS.text).optional(), image_url: imageUrl().optional() }).strict())
        .min(1)
        .max(LIMITS.items),
    })
    .strict(),
  opt_in: z
    .object({
      heading: required(LIMITS.short),
      text: str(LIMITS.text).optional(),
      button_label: required(LIMITS.short),
      /** The lead-magnet course the address opts in to (POST /store/marketing-opt-ins). */
      course_id: courseId(),
    })
    .strict(),
  countdown: z
    .object({
      heading: heading(),
      ends_at: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), "must be an ISO date-time with a time zone (2027-01-31T09:00:00Z)"),
      expired_text: str(LIMITS.short).optional(),
    })
    .strict(),
  columns: z
    .object({
      heading: heading(),
      items: z
        .array(
          z
            .object({
              image_url: imageUrl().optional(),
              image_alt: str(LIMITS.short).optional(),
              heading: str(LIMITS.short).optional(),
              text: str(LIMITS.text).optional(),
            })
            .strict()
        )
        .min(1)
        .max(LIMITS.columns, `must have at most ${LIMITS.columns} columns`),
    })
    .strict(),
} as const

export type BlockType = keyof typeof BLOCK_SCHEMAS
export const BLOCK_TYPES = Object.keys(BLOCK_SCHEMAS) as BlockType[]
export type Block = {
  [K in BlockType]: { type: K; id: string } & z.infer<(typeof BLOCK_SCHEMAS)[K]>
}[BlockType]

export type BlockProblem = { index: number; type: string | null; field: string; message: string }

/** "blocks[2] (hero) cta.href: must be ..." — names the block by index and type, and the field. */
export const describeProblem = (p: BlockProblem) =>
  `blocks[${p.index}]${p.type ? ` (${p.type})` : ""}${p.field ? ` ${p.field}` : ""}: ${p.message}`

const BLOCK_ID = /^[A-Za-z0-9_-]{1,40}$/

const typeOf = (raw: unknown): string | null => {
  const type = raw && typeof raw === "object" ? (raw as Record<string, unknown>).type : undefined
  return typeof type === "string" && type in BLOCK_SCHEMAS ? type : null
}
const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "")

/**
 * A page over LIMITS.bytes, named by where the bytes are: its largest block and, in it, the
 * largest field (each field can be within its own limits while the page is not).
 */
function oversize(input: unknown[], bytes: number): BlockProblem {
  let index = 0
  input.forEach((raw, i) => {
    if (sizeOf(raw) > sizeOf(input[index])) index = i
  })
  const block = input[index]
  let field = ""
  if (block && typeof block === "object" && !Array.isArray(block)) {
    let largest = -1
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      const size = sizeOf(value)
      if (size > largest) [field, largest] = [key, size]
    }
  }
  return {
    index,
    type: typeOf(block),
    field,
    message: `the page's blocks are ${bytes} bytes, at most ${LIMITS.bytes} (${Math.round(LIMITS.bytes / 1000)} kB); this block is the largest (${sizeOf(block)} bytes)`,
  }
}

/**
 * Validates a page's blocks. Each block is `{ type, id?, ...fields }` (`id` is the editor's
 * key for a block, kept across versions; one is made when missing). Returns the parsed
 * blocks, or every problem (up to 20) naming the block's index, type and field.
 */
export function parseBlocks(input: unknown): { ok: true; blocks: Block[] } | { ok: false; problems: BlockProblem[] } {
  const problems: BlockProblem[] = []
  if (!Array.isArray(input)) return { ok: false, problems: [{ index: -1, type: null, field: "", message: "blocks must be an array" }] }
  if (input.length > LIMITS.blocks) {
    return { ok: false, problems: [{ index: LIMITS.blocks, type: typeOf(input[LIMITS.blocks]), field: "", message: `a page has at most ${LIMITS.blocks} blocks (got ${input.length})` }] }
  }
  const bytes = Buffer.byteLength(JSON.stringify(input))
  if (bytes > LIMITS.bytes) return { ok: false, problems: [oversize(input, bytes)] }
  const blocks: Block[] = []
  const seen = new Set<string>()
  input.forEach((raw, index) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push({ index, type: null, field: "", message: "must be an object with a type" })
      return
    }
    const { type, id, ...fields } = raw as Record<string, unknown>
    if (typeof type !== "string" || !(type in BLOCK_SCHEMAS)) {
      problems.push({ index, type: null, field: "type", message: `unknown block type ${JSON.stringify(type)}; one of ${BLOCK_TYPES.join(", ")}` })
      return
    }
    let key = `b${index}`
    if (id !== undefined) {
      if (typeof id !== "string" || !BLOCK_ID.test(id)) {
        problems.push({ index, type, field: "id", message: "must be 1-40 letters, digits, _ or -" })
        return
      }
      key = id
    }
    if (seen.has(key)) {
      problems.push({ index, type, field: "id", message: `duplicates the id of an earlier block (${key})` })
      return
    }
    seen.add(key)
    const parsed = BLOCK_SCHEMAS[type as BlockType].safeParse(fields)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "")
        const message =
          issue.code === "unrecognized_keys" ? `unknown field(s) ${issue.keys.join(", ")}` : issue.code === "invalid_union" ? "is not of an accepted shape" : issue.message
        problems.push({ index, type, field, message })
      }
      return
    }
    blocks.push({ type, id: key, ...parsed.data } as Block)
  })
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, blocks }
}

/** The course ids a page's blocks name (grids, pricing tables, opt-ins), to check they are the org's. */
export function courseIdsOf(blocks: Block[]): string[] {
  const ids = new Set<string>()
  for (const block of blocks) {
    if (block.type === "course_grid" && Array.isArray(block.courses)) block.courses.forEach((id) => ids.add(id))
    if (block.type === "pricing_table" || block.type === "opt_in") ids.add(block.course_id)
  }
  return [...ids]
}

/**
 * SEO fields of a page (filled by the SEO work; stored in `page.seo`). Every field optional:
 * defaults are derived from the page's content when rendered.
 */
export const pageSeoSchema = z
  .object({
    title: str(LIMITS.short).optional(),
    description: str(500).optional(),
    social_image_url: imageUrl().optional(),
    canonical_url: required(LIMITS.url)
      .refine((v) => /^https?:\/\//i.test(v) && isSafeLink(v), "must be an absolute http(s) URL")
      .optional(),
    noindex: z.boolean().optional(),
  })
  .strict()
export type PageSeo = z.infer<typeof pageSeoSchema>
