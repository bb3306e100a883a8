import { effectiveCourseSeo, plainText, SEO_DESCRIPTION_MAX, trimToWords } from "./course-seo"

describe("effectiveCourseSeo", () => {
  const course = { title: "Sourdough 101", subtitle: null, description: null, thumbnail: null }

  it("derives title, description and image from the content when nothing is set", () => {
    const seo = effectiveCourseSeo({ ...course, subtitle: "Bake **real** bread", thumbnail: "https://cdn.example/t.png" })
    expect(seo).toEqual({
      title: "Sourdough 101",
      description: "Bake real bread",
      image_url: "https://cdn.example/t.png",
      canonical_url: null,
      noindex: false,
    })
  })

  it("uses the description when there is no subtitle and trims it to about 155 characters at a word", () => {
    const long = "word ".repeat(100)
    const seo = effectiveCourseSeo({ ...course, description: long })
    expect(seo.description!.length).toBeLessThanOrEqual(SEO_DESCRIPTION_MAX)
    expect(seo.description!.endsWith("word…")).toBe(true)
  })

  it("prefers what the merchant set, field by field", () => {
    const seo = effectiveCourseSeo({
      ...course,
      subtitle: "From the subtitle",
      thumbnail: "https://cdn.example/t.png",
      seo: { title: "Custom", description: null, image_url: "https://cdn.example/og.png", canonical_url: "https://a.example/c", noindex: true },
    })
    expect(seo).toEqual({
      title: "Custom",
      description: "From the subtitle",
      image_url: "https://cdn.example/og.png",
      canonical_url: "https://a.example/c",
      noindex: true,
    })
  })

  it("has no description rather than an empty one", () => {
    expect(effectiveCourseSeo({ ...course, subtitle: "   " }).description).toBeNull()
  })
})

describe("plainText / trimToWords", () => {
  it("drops markdown links, images, code and tags", () => {
    expect(plainText("# Hi\n\nSee [the docs](https://x) ![img](y) <b>now</b>\n```js\ncode\n```")).toBe("Hi See the docs now")
  })
  it("keeps short text as is", () => {
    expect(trimToWords("short", 10)).toBe("short")
  })
})
