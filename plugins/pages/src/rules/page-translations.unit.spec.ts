import { parseBlocks, type Block } from "./blocks"
import {
  blockTexts,
  checkTranslationRows,
  describeTranslationProblem,
  isTranslatableField,
  missingPageTranslations,
  pageSourceTexts,
  pageTranslationMap,
  TRANSLATABLE_BLOCK_FIELDS,
  translateBlocks,
  translateSeo,
} from "./page-translations"

const parsed = (blocks: unknown[]): Block[] => {
  const result = parseBlocks(blocks)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.blocks
}

// One block of every type with every field filled, URLs, ids and dates included.
const EVERY = parsed([
  { type: "hero", id: "hero", heading: "Bake bread", text: "At home", image_url: "https://cdn.example/h.png", cta: { label: "Buy", href: "/p/buy" } },
  {
    type: "rich_text",
    id: "body",
    content: [
      { type: "heading", level: 2, children: [{ type: "text", text: "Why" }] },
      { type: "paragraph", children: [{ type: "text", text: "Crust ", bold: true }, { type: "link", href: "https://x.example", children: [{ type: "text", text: "and crumb" }] }] },
      { type: "list", items: [[{ type: "text", text: "Flour" }], [{ type: "link", href: "/p/water", children: [{ type: "text", text: "Water" }] }]] },
    ],
  },
  { type: "course_grid", id: "grid", heading: "Courses", courses: ["course_01ABC"] },
  { type: "pricing_table", id: "price", heading: "Prices", course_id: "course_01ABC" },
  { type: "testimonials", id: "quotes", heading: "They say", items: [{ quote: "Great", name: "Ann Lee", role: "Baker", avatar_url: "https://cdn.example/a.png" }] },
  { type: "faq", id: "faq", heading: "FAQ", items: [{ question: "Refunds?", answer: "30 days" }, { question: "Certificate?", answer: "Yes" }] },
  { type: "video", id: "vid", title: "Trailer", provider: "youtube", video_id: "dQw4w9WgXcQ" },
  { type: "instructor_bios", id: "bios", heading: "Teachers", items: [{ name: "Ann Lee", bio: "Bakes since 1999", image_url: "/img/ann.png" }] },
  { type: "opt_in", id: "optin", heading: "Free lesson", text: "Get it", button_label: "Send it", course_id: "course_01ABC" },
  { type: "countdown", id: "count", heading: "Launch", ends_at: "2027-01-31T09:00:00Z", expired_text: "Started" },
  { type: "columns", id: "cols", heading: "What you get", items: [{ image_url: "/a.png", image_alt: "A loaf", heading: "Loaves", text: "Many" }] },
])

describe("which texts are translatable (derived from the block schemas)", () => {
  it("is the words of each block type, never URLs, ids, course ids, video providers, dates or people's names", () => {
    const table = Object.fromEntries(Object.entries(TRANSLATABLE_BLOCK_FIELDS).map(([type, fields]) => [type, fields.map((f) => f.pattern)]))
    expect(table).toEqual({
      hero: ["heading", "text", "cta.label"],
      rich_text: ["content[].children[].text", "content[].children[].children[].text", "content[].items[][].text", "content[].items[][].children[].text"],
      course_grid: ["heading"],
      pricing_table: ["heading"],
      testimonials: ["heading", "items[].quote", "items[].role"],
      faq: ["heading", "items[].question", "items[].answer"],
      video: ["title"],
      instructor_bios: ["heading", "items[].bio"],
      opt_in: ["heading", "text", "button_label"],
      countdown: ["heading", "expired_text"],
      columns: ["heading", "items[].image_alt", "items[].heading", "items[].text"],
    })
    // Each text keeps its field's length limit.
    expect(TRANSLATABLE_BLOCK_FIELDS.faq).toEqual([
      { pattern: "heading", max: 200 },
      { pattern: "items[].question", max: 200 },
      { pattern: "items[].answer", max: 2000 },
    ])
  })

  it("lists a page's texts in document order with their sources, skipping URLs and empty texts", () => {
    const texts = pageSourceTexts(EVERY, { title: "Bread school", description: "  ", noindex: true })
    const fields = texts.map((t) => `${t.block_id} ${t.field}`)
    expect(fields).toEqual([
      "hero heading", "hero text", "hero cta.label",
      "body content[0].children[0].text", "body content[1].children[0].text", "body content[1].children[1].children[0].text",
      "body content[2].items[0][0].text", "body content[2].items[1][0].children[0].text",
      "grid heading", "price heading",
      "quotes heading", "quotes items[0].quote", "quotes items[0].role",
      "faq heading", "faq items[0].question", "faq items[0].answer", "faq items[1].question", "faq items[1].answer",
      "vid title", "bios heading", "bios items[0].bio",
      "optin heading", "optin text", "optin button_label",
      "count heading", "count expired_text",
      "cols heading", "cols items[0].image_alt", "cols items[0].heading", "cols items[0].text",
      "_seo title",
    ])
    const all = texts.map((t) => t.source).join("|")
    for (const never of ["https://", "/p/buy", "course_01ABC", "dQw4w9WgXcQ", "youtube", "2027-01-31", "Ann Lee", "/a.png"]) expect(all).not.toContain(never)
    expect(texts.find((t) => t.field === "content[1].children[1].children[0].text")).toMatchObject({ block_type: "rich_text", source: "and crumb", max: 2000 })
  })

  it("keeps the page's order when the stored blocks' keys come back reordered (jsonb sorts them)", () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reorder) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v
    const stored = EVERY.map((b) => reorder(b) as Block)
    expect(pageSourceTexts(stored, null).map((t) => `${t.block_id} ${t.field}`)).toEqual(pageSourceTexts(EVERY, null).map((t) => `${t.block_id} ${t.field}`))
    expect(blockTexts(stored[0]).map((t) => t.field)).toEqual(["heading", "text", "cta.label"])
  })

  it.each([
    ["hero", "cta.label", true],
    ["hero", "cta.href", false],
    ["hero", "image_url", false],
    ["faq", "items[12].answer", true],
    ["faq", "items[].answer", false],
    ["faq", "items[-1].answer", false],
    ["faq", "items.0.answer", false],
    ["testimonials", "items[0].name", false],
    ["testimonials", "items[0].avatar_url", false],
    ["video", "video_id", false],
    ["countdown", "ends_at", false],
    ["course_grid", "courses[0]", false],
    ["rich_text", "content[0].children[0].href", false],
    ["rich_text", "content[0].level", false],
    ["opt_in", "course_id", false],
    ["seo", "title", true],
    ["seo", "canonical_url", false],
    ["marquee", "text", false],
    ["hero", "__proto__", false],
  ])("%s %s -> %s", (type, field, expected) => {
    expect(isTranslatableField(type, field)).toBe(expected)
  })
})

describe("checkTranslationRows", () => {
  const check = (rows: { block_id: string; field: string; value: string | null }[], seo: Record<string, unknown> | null = null) =>
    checkTranslationRows(rows, EVERY, seo).map(describeTranslationProblem)

  it("accepts texts of the draft's blocks and of the page's SEO, and removals", () => {
    expect(check([
      { block_id: "hero", field: "heading", value: "Pain maison" },
      { block_id: "faq", field: "items[1].answer", value: "Oui" },
      { block_id: "body", field: "content[2].items[1][0].children[0].text", value: "Eau" },
      { block_id: "_seo", field: "title", value: "École du pain" },
      { block_id: "quotes", field: "items[0].quote", value: null },
    ], { title: "Bread school" })).toEqual([])
  })

  it("names every bad row: a block not on the draft, a field its type cannot translate, a text the draft lacks, too long, twice", () => {
    expect(check([
      { block_id: "gone", field: "heading", value: "x" },
      { block_id: "hero", field: "cta.href", value: "/p/ailleurs" },
      { block_id: "faq", field: "items[5].answer", value: "x" },
      { block_id: "faq", field: "items[0].question", value: "x".repeat(201) },
      { block_id: "hero", field: "heading", value: "a" },
      { block_id: "hero", field: "heading", value: "b" },
      { block_id: "_seo", field: "description", value: "x" },
      { block_id: "vid", field: "video_id", value: "x" },
    ])).toEqual([
      'translations[0] block "gone" heading: is not a block of this page\'s draft',
      'translations[1] block "hero" cta.href: cannot be translated on a hero block (its texts: heading, text, cta.label)',
      'translations[2] block "faq" items[5].answer: has no text in the draft to translate',
      'translations[3] block "faq" items[0].question: must be at most 200 characters',
      'translations[5] block "hero" heading: is given twice',
      'translations[6] block "_seo" description: has no text in the draft to translate',
      'translations[7] block "vid" video_id: cannot be translated on a video block (its texts: title)',
    ])
  })
})

describe("translateBlocks / translateSeo / missingPageTranslations", () => {
  const t = pageTranslationMap([
    { block_id: "hero", field: "heading", value: "Faire son pain" },
    { block_id: "hero", field: "cta.label", value: "Acheter" },
    { block_id: "faq", field: "items[1].answer", value: "Oui" },
    { block_id: "body", field: "content[1].children[1].children[0].text", value: "et la mie" },
    { block_id: "faq", field: "items[9].answer", value: "stale: the item is gone" },
    { block_id: "cols", field: "heading", value: "   " },
    { block_id: "_seo", field: "title", value: "École du pain" },
  ])

  it("replaces translated texts in place, keeps the default for the others, never touches URLs or the input", () => {
    const before = JSON.stringify(EVERY)
    const out = translateBlocks(EVERY, t)
    expect(JSON.stringify(EVERY)).toBe(before)
    // `any`: reading nested fields of a union of block types; toEqual checks their shape.
    const [hero, body] = out as any[]
    expect(hero).toEqual({ ...EVERY[0], heading: "Faire son pain", cta: { label: "Acheter", href: "/p/buy" } })
    expect(body.content[1].children[1]).toEqual({ type: "link", href: "https://x.example", children: [{ type: "text", text: "et la mie" }] })
    const faq = out.find((b) => b.id === "faq") as any // the FAQ block's items (union of block types, as above)
    expect(faq.items).toEqual([{ question: "Refunds?", answer: "30 days" }, { question: "Certificate?", answer: "Oui" }])
    // Untranslated blocks are the same objects; a blank translation falls back too.
    expect(out.find((b) => b.id === "cols")).toBe(EVERY.find((b) => b.id === "cols"))
    // Addressed by block id: reordering the blocks keeps each translation on its block.
    expect(translateBlocks([...EVERY].reverse(), t).find((b) => b.id === "hero")).toEqual(hero)
    expect(translateBlocks(EVERY, new Map())).toEqual(EVERY)
  })

  it("translates the SEO title and description the merchant wrote", () => {
    expect(translateSeo({ title: "Bread school", noindex: false }, t)).toEqual({ title: "École du pain", noindex: false })
    expect(translateSeo({ description: "d" }, t)).toEqual({ description: "d" })
    expect(translateSeo(null, t)).toBeNull()
  })

  it("lists the texts still missing a translation, in page order", () => {
    const sources = pageSourceTexts(EVERY.slice(0, 1), { title: "Bread school" })
    expect(missingPageTranslations(sources, t)).toEqual([{ block_id: "hero", block_type: "hero", field: "text", source: "At home" }])
    expect(blockTexts({ id: "x", type: "marquee", text: "x" })).toEqual([])
  })
})
