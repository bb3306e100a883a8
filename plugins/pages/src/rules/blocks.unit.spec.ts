import { courseIdsOf, describeProblem, isSafeImage, isSafeLink, LIMITS, pageSeoSchema, parseBlocks } from "./blocks"

const problemsOf = (input: unknown) => {
  const result = parseBlocks(input)
  if (result.ok) throw new Error("expected problems")
  return result.problems.map(describeProblem)
}

describe("isSafeLink / isSafeImage", () => {
  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\evil.example",
    "relative/path",
    "https://",
  ])("refuses %j as a link", (value) => {
    expect(isSafeLink(value)).toBe(false)
  })

  it.each(["https://example.com/buy", "http://example.com", "mailto:hi@example.com", "/p/launch", "#faq", "?ref=x"])(
    "accepts %j as a link",
    (value) => {
      expect(isSafeLink(value)).toBe(true)
    }
  )

  it("accepts only http(s) and same-site paths as images", () => {
    expect(isSafeImage("https://cdn.example.com/a.png")).toBe(true)
    expect(isSafeImage("/static/a.png")).toBe(true)
    expect(isSafeImage("data:image/png;base64,AAAA")).toBe(false)
    expect(isSafeImage("javascript:alert(1)")).toBe(false)
    expect(isSafeImage("//evil.example/a.png")).toBe(false)
  })
})

describe("parseBlocks", () => {
  it("accepts one block of every type and keeps or makes ids", () => {
    const result = parseBlocks([
      { type: "hero", id: "top", heading: "Learn", text: "<b>x</b>", image_url: "https://x.example/a.png", cta: { label: "Buy", href: "/p/buy" } },
      { type: "rich_text", content: [{ type: "heading", level: 2, children: [{ type: "text", text: "Why" }] }, { type: "list", ordered: true, items: [[{ type: "text", text: "a", bold: true }], [{ type: "link", href: "https://x.example", children: [{ type: "text", text: "b" }] }]] }] },
      { type: "course_grid", courses: "all" },
      { type: "course_grid", courses: ["course_01A"] },
      { type: "pricing_table", course_id: "course_01A" },
      { type: "testimonials", items: [{ quote: "Great", name: "Ann" }] },
      { type: "faq", items: [{ question: "Q?", answer: "A." }] },
      { type: "video", provider: "youtube", video_id: "dQw4w9WgXcQ" },
      { type: "video", provider: "url", url: "https://cdn.example.com/v.mp4" },
      { type: "instructor_bios", items: [{ name: "Bo", bio: "Teaches" }] },
      { type: "opt_in", heading: "Free guide", button_label: "Send it", course_id: "course_01B" },
      { type: "countdown", ends_at: "2027-01-31T09:00:00Z" },
      { type: "columns", items: [{ image_url: "/a.png", text: "One" }, { text: "Two" }] },
    ])
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result.blocks.map((b) => b.id)).toEqual(["top", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12"])
    expect(result.blocks[0]).toMatchObject({ type: "hero", text: "<b>x</b>" })
    expect(courseIdsOf(result.blocks).sort()).toEqual(["course_01A", "course_01B"])
  })

  it("names the block index, type and field of each problem", () => {
    expect(problemsOf([{ type: "hero", heading: "ok" }, { type: "marquee" }])).toEqual([
      'blocks[1] type: unknown block type "marquee"; one of hero, rich_text, course_grid, pricing_table, testimonials, faq, video, instructor_bios, opt_in, countdown, columns',
    ])
    expect(problemsOf([{ type: "hero", heading: "x", cta: { label: "Go", href: "javascript:alert(1)" } }])[0]).toMatch(/^blocks\[0\] \(hero\) cta\.href: must be an http\(s\)/)
    expect(problemsOf([{ type: "columns", items: [{ image_url: "data:image/png;base64,AA" }] }])[0]).toMatch(/^blocks\[0\] \(columns\) items\[0\]\.image_url: /)
    expect(
      problemsOf([{ type: "rich_text", content: [{ type: "paragraph", children: [{ type: "link", href: "data:text/html,x", children: [{ type: "text", text: "x" }] }] }] }])[0]
    ).toMatch(/^blocks\[0\] \(rich_text\) content\[0\]\.children\[0\]\.href: /)
    expect(problemsOf([{ type: "faq", items: [{ question: "q", answer: "a", html: "<script>" }] }])).toEqual(["blocks[0] (faq) items[0]: unknown field(s) html"])
    expect(problemsOf([{ type: "video", provider: "youtube", video_id: "x" }])).toEqual(["blocks[0] (video) video_id: must be an 11-character YouTube video id"])
    expect(problemsOf([{ type: "countdown", ends_at: "next week" }])[0]).toMatch(/^blocks\[0\] \(countdown\) ends_at: must be an ISO date-time/)
    expect(problemsOf([{ type: "hero", heading: "a", id: "x" }, { type: "hero", heading: "b", id: "x" }])[0]).toMatch(/^blocks\[1\] \(hero\) id: duplicates/)
    expect(problemsOf("nope")).toEqual(["blocks[-1]: blocks must be an array"])
  })

  it("refuses oversize pages: too many blocks, too long a text, too many nodes", () => {
    const many = Array.from({ length: LIMITS.blocks + 1 }, () => ({ type: "hero", heading: "h" }))
    expect(problemsOf(many)[0]).toBe(`blocks[${LIMITS.blocks}] (hero): a page has at most ${LIMITS.blocks} blocks (got ${LIMITS.blocks + 1})`)
    expect(problemsOf([{ type: "hero", heading: "h", text: "x".repeat(LIMITS.text + 1) }])).toEqual([
      `blocks[0] (hero) text: must be at most ${LIMITS.text} characters`,
    ])
    const nodes = Array.from({ length: LIMITS.richNodes + 1 }, () => ({ type: "paragraph", children: [] }))
    expect(problemsOf([{ type: "rich_text", content: nodes }])[0]).toMatch(/^blocks\[0\] \(rich_text\) content: must have at most 200 nodes/)
  })

  it("names the largest block and field of a page over LIMITS.bytes whose fields are each within their limits", () => {
    // 150 paragraphs of 1,900 characters: every text and the node count are allowed; the page is not.
    const big = { type: "rich_text", content: Array.from({ length: 150 }, () => ({ type: "paragraph", children: [{ type: "text", text: "x".repeat(1_900) }] })) }
    const small = { type: "faq", items: [{ question: "q", answer: "a".repeat(1_900) }] }
    const [problem] = problemsOf([small, small, big, small])
    expect(problem).toMatch(/^blocks\[2\] \(rich_text\) content: the page's blocks are \d+ bytes, at most 256000 \(256 kB\); this block is the largest \(\d+ bytes\)$/)
    expect(parseBlocks([small, { ...big, content: big.content.slice(0, 100) }]).ok).toBe(true)
  })
})

describe("pageSeoSchema", () => {
  it("takes the SEO fields and refuses script URLs and unknown keys", () => {
    expect(pageSeoSchema.parse({ title: "T", noindex: true, canonical_url: "https://x.example/p/a" })).toEqual({ title: "T", noindex: true, canonical_url: "https://x.example/p/a" })
    expect(pageSeoSchema.safeParse({ canonical_url: "javascript:alert(1)" }).success).toBe(false)
    expect(pageSeoSchema.safeParse({ social_image_url: "data:image/png;base64,AA" }).success).toBe(false)
    expect(pageSeoSchema.safeParse({ keywords: "x" }).success).toBe(false)
  })
})
