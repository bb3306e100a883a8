import {
  breadcrumbJsonLd,
  courseHead,
  courseJsonLd,
  courseSitemapEntries,
  describe as describeText,
  hreflangAlternates,
  isoMinutes,
  jsonLdScript,
  organizationJsonLd,
  pageMetadata,
  productJsonLd,
  robotsTxt,
  salesPageSeo,
  sitemapXml,
} from "./seo"

const origin = "https://school-a.example"
const org = {
  name: "School A",
  support_email: "help@school-a.example",
  branding: { logo_url: "/logo.png", primary_color: null, accent_color: null, font: "system", default_locale: "en" },
  locales: ["en", "fr"],
}
const tiers = [
  { tier: 1, name: "Basic", variants: [{ id: "v1", title: "Basic", calculated_price: { calculated_amount: 49.9, currency_code: "usd" } }] },
  {
    tier: 2,
    name: null,
    title: "Pro",
    variants: [
      { id: "v2", title: "Pro yearly", calculated_price: { calculated_amount: 199, currency_code: "usd" } },
      { id: "v3", title: "Pro monthly", calculated_price: { calculated_amount: 19, currency_code: "usd" } },
    ],
  },
  { tier: 3, name: "Team", variants: [{ id: "v4", title: "Team", calculated_price: null }] },
]
const course = {
  handle: "sourdough-101",
  title: "Sourdough </script><script>alert(1)</script>",
  subtitle: "Bake **real** bread",
  description: null,
  thumbnail: null,
  language: "en",
  estimated_minutes: 90,
  tiers,
  instructors: [{ id: "i1", name: "Ana" }],
}

/** What a browser sees: the script's text, then parsed as JSON. */
const parseScript = (s: string) => JSON.parse(s)

describe("jsonLdScript", () => {
  it("cannot close its script tag and still parses to the same value", () => {
    const value = { name: "</script><!-- a & b > c \u2028 \u2029" }
    const out = jsonLdScript(value)
    expect(out).not.toMatch(/[<>&\u2028\u2029]/)
    expect(parseScript(out)).toEqual(value)
  })
})

describe("courseJsonLd", () => {
  const ld = parseScript(jsonLdScript(courseJsonLd(course, org, origin))) as any

  it("has the fields Google requires for a Course: name, description, provider", () => {
    expect(ld["@context"]).toBe("https://schema.org")
    expect(ld["@type"]).toBe("Course")
    expect(ld.name).toBe(course.title)
    expect(ld.description).toBe("Bake real bread")
    expect(ld.provider).toEqual({ "@type": "Organization", name: "School A", sameAs: "https://school-a.example/" })
  })

  it("offers each priced tier at its cheapest variant, prices as decimal strings in upper-case currency", () => {
    expect(ld.offers).toEqual([
      expect.objectContaining({ "@type": "Offer", name: "Basic", price: "49.9", priceCurrency: "USD", url: `${origin}/courses/sourdough-101` }),
      expect.objectContaining({ "@type": "Offer", name: "Pro", price: "19", priceCurrency: "USD" }),
    ])
  })

  it("describes an online course instance with its workload and instructors", () => {
    expect(ld.hasCourseInstance).toEqual({
      "@type": "CourseInstance",
      courseMode: "online",
      courseWorkload: "PT1H30M",
      instructor: [{ "@type": "Person", name: "Ana" }],
    })
  })

  it("falls back to the title when the course has no words of its own (description is required)", () => {
    const bare = courseJsonLd({ ...course, subtitle: null, description: null, tiers: [] }, org, origin) as any
    expect(bare.description).toBe(course.title)
    expect(bare.offers).toBeUndefined()
  })

  it("uses the store's resolved SEO when given", () => {
    const seo = { title: "T", description: "From the merchant", image_url: "https://cdn.example/og.png", canonical_url: null, noindex: false }
    const withSeo = courseJsonLd({ ...course, seo }, org, origin) as any
    expect(withSeo.description).toBe("From the merchant")
    expect(withSeo.image).toBe("https://cdn.example/og.png")
  })

  it("keeps a zero-decimal currency's amount as is (JPY)", () => {
    const jpy = courseJsonLd(
      { ...course, tiers: [{ tier: 1, name: "One", variants: [{ id: "v", title: "x", calculated_price: { calculated_amount: 4980, currency_code: "jpy" } }] }] },
      org,
      origin
    ) as any
    expect(jpy.offers[0]).toEqual(expect.objectContaining({ price: "4980", priceCurrency: "JPY" }))
  })
})

describe("productJsonLd, organizationJsonLd, breadcrumbJsonLd", () => {
  it("Product: brand and one offer per priced tier", () => {
    const ld = productJsonLd(course, org, origin) as any
    expect(ld["@type"]).toBe("Product")
    expect(ld.brand).toEqual({ "@type": "Brand", name: "School A" })
    expect(ld.offers.map((o: any) => o.price)).toEqual(["49.9", "19"])
  })

  it("Organization: absolute logo and url", () => {
    expect(organizationJsonLd(org, origin)).toEqual(
      expect.objectContaining({ "@type": "Organization", name: "School A", url: `${origin}/`, logo: `${origin}/logo.png`, email: "help@school-a.example" })
    )
  })

  it("BreadcrumbList: positions from 1 and absolute items", () => {
    const ld = breadcrumbJsonLd(origin, [
      { name: "Home", path: "/" },
      { name: "Courses", path: "/courses" },
    ]) as any
    expect(ld.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Home", item: `${origin}/` },
      { "@type": "ListItem", position: 2, name: "Courses", item: `${origin}/courses` },
    ])
  })
})

describe("metadata", () => {
  it("pageMetadata: canonical, Open Graph, Twitter, robots", () => {
    const m = pageMetadata(org, origin, { title: "Courses", description: "All", canonical: "/courses", image: "/og.png", noindex: true }) as any
    expect(m.alternates.canonical).toBe(`${origin}/courses`)
    expect(m.openGraph).toEqual(expect.objectContaining({ siteName: "School A", url: `${origin}/courses`, images: [{ url: `${origin}/og.png`, width: 1200, height: 630 }] }))
    expect(m.twitter).toEqual(expect.objectContaining({ card: "summary_large_image", images: [`${origin}/og.png`] }))
    expect(m.robots).toEqual({ index: false, follow: true })
  })

  it("hreflangAlternates: the default locale unprefixed and as x-default, others prefixed", () => {
    expect(hreflangAlternates(origin, "/courses/a", ["en", "fr", "pt-BR"], "en")).toEqual({
      en: `${origin}/courses/a`,
      fr: `${origin}/fr/courses/a`,
      "pt-BR": `${origin}/pt-BR/courses/a`,
      "x-default": `${origin}/courses/a`,
    })
  })

  it("courseHead: tags for a Pages Router head, a generated image when the course has none", () => {
    const head = courseHead(course, org, origin)
    expect(head.title).toBe(`${course.title} · School A`)
    expect(head.links).toEqual([
      { rel: "canonical", href: `${origin}/courses/sourdough-101` },
      { rel: "alternate", hreflang: "en", href: `${origin}/courses/sourdough-101` },
      { rel: "alternate", hreflang: "fr", href: `${origin}/fr/courses/sourdough-101` },
      { rel: "alternate", hreflang: "x-default", href: `${origin}/courses/sourdough-101` },
    ])
    expect(head.meta).toContainEqual({ property: "og:image", content: `${origin}/og/courses/sourdough-101` })
    expect(head.meta).toContainEqual({ name: "robots", content: "index, follow" })
    const types = head.jsonLd.map((s) => parseScript(s)["@type"])
    expect(types).toEqual(["Course", "Product", "BreadcrumbList"])
    for (const s of head.jsonLd) expect(s).not.toContain("</script>")
  })

  it("courseHead: the merchant's canonical and noindex win; a locale prefixes the URLs", () => {
    const seo = { title: "Bread", description: "d", image_url: null, canonical_url: "https://elsewhere.example/bread", noindex: true }
    const head = courseHead({ ...course, seo }, org, origin, { locale: "fr" })
    expect(head.links[0]).toEqual({ rel: "canonical", href: "https://elsewhere.example/bread" })
    expect(head.meta).toContainEqual({ name: "robots", content: "noindex, follow" })
    expect(parseScript(head.jsonLd[0]).url).toBe(`${origin}/fr/courses/sourdough-101`)
    // The translated version is in its locale, the default one in the course's own language.
    expect(parseScript(head.jsonLd[0]).inLanguage).toBe("fr")
    expect(parseScript(courseHead(course, org, origin).jsonLd[0]).inLanguage).toBe("en")
  })
})

describe("sitemap and robots", () => {
  it("lists published courses that are not noindex, escaped, with lastmod", () => {
    const entries = courseSitemapEntries([
      { handle: "a&b", updated_at: "2026-12-01T10:00:00.000Z" },
      { handle: "hidden", seo: { title: "x", description: null, image_url: null, canonical_url: null, noindex: true } },
    ])
    const xml = sitemapXml(origin, [{ path: "/" }, ...entries])
    expect(xml).toContain(`<loc>${origin}/</loc>`)
    expect(xml).toContain(`<loc>${origin}/courses/a%26b</loc><lastmod>2026-12-01T10:00:00.000Z</lastmod>`)
    expect(xml).not.toContain("hidden")
    expect(xml.match(/<url>/g)).toHaveLength(2)
  })

  it("robots.txt names the sitemap and closes private areas", () => {
    const txt = robotsTxt(origin)
    expect(txt).toContain(`Sitemap: ${origin}/sitemap.xml`)
    expect(txt).toContain("Disallow: /checkout")
    expect(txt).not.toMatch(/Disallow: \/\s*$/m)
  })
})

describe("helpers", () => {
  it("describe: plain words cut at a word near 155 characters", () => {
    const d = describeText("# Title\n\n" + "bread ".repeat(60))!
    expect(d.length).toBeLessThanOrEqual(155)
    expect(d.startsWith("Title bread")).toBe(true)
    expect(d.endsWith("…")).toBe(true)
    expect(describeText("   ")).toBeNull()
  })
  it("isoMinutes", () => {
    expect(isoMinutes(45)).toBe("PT45M")
    expect(isoMinutes(120)).toBe("PT2H")
    expect(isoMinutes(0)).toBe("PT0M")
  })
})

describe("ogColors", () => {
  it("uses the org's valid hex colours and defaults for anything else", async () => {
    const { ogColors } = await import("./seo")
    expect(ogColors({ primary_color: "#123456", accent_color: "red;background:url(x)" })).toEqual({ brand: "#123456", accent: "#f59e0b" })
    expect(ogColors({ primary_color: null, accent_color: "#abc" })).toEqual({ brand: "#1f2937", accent: "#abc" })
  })
})

describe("salesPageSeo", () => {
  const blocks = [
    { type: "rich_text", id: "b2", content: [{ type: "paragraph", children: [{ type: "text", text: "Rich " }, { type: "link", href: "/x", children: [{ type: "text", text: "words" }] }] }] },
    { type: "hero", id: "b1", heading: "Launch", text: "Bake **real** bread at home.", image_url: "https://cdn.example/hero.png" },
  ]
  it("derives title, description and image from the content when the merchant set none", () => {
    expect(salesPageSeo({ title: "Spring launch", seo: null, blocks }, "/p/launch")).toEqual({
      title: "Spring launch",
      description: "Bake real bread at home.",
      canonical: "/p/launch",
      image: "https://cdn.example/hero.png",
      noindex: false,
    })
    // No hero: the first rich text's words (links' text included).
    expect(salesPageSeo({ title: "T", seo: null, blocks: [blocks[0]] }, "/p/t").description).toBe("Rich words")
    expect(salesPageSeo({ title: "T", seo: {}, blocks: [] }, "/p/t")).toMatchObject({ description: null, image: null })
  })
  it("the merchant's fields win, field by field", () => {
    const seo = { title: "Own title", description: "Own words", social_image_url: "https://cdn.example/own.png", canonical_url: "https://school.example/launch", noindex: true }
    expect(salesPageSeo({ title: "Spring launch", seo, blocks }, "/p/launch")).toEqual({
      title: "Own title",
      description: "Own words",
      canonical: "https://school.example/launch",
      image: "https://cdn.example/own.png",
      noindex: true,
    })
    expect(salesPageSeo({ title: "Spring launch", seo: { title: "  " }, blocks }, "/p/launch").title).toBe("Spring launch")
  })
  it("its metadata carries canonical, Open Graph, Twitter and robots", () => {
    const m = pageMetadata({ name: "Acme" }, origin, salesPageSeo({ title: "Spring launch", seo: { noindex: true }, blocks }, "/p/launch"))
    expect(m.alternates?.canonical).toBe(`${origin}/p/launch`)
    expect(m.openGraph).toMatchObject({ title: "Spring launch", url: `${origin}/p/launch`, images: [{ url: "https://cdn.example/hero.png", width: 1200, height: 630 }] })
    expect(m.twitter).toMatchObject({ card: "summary_large_image", images: ["https://cdn.example/hero.png"] })
    expect(m.robots).toEqual({ index: false, follow: true })
  })
})
