// Search and social metadata of a course: what the merchant set, else derived from the
// course's own content. Pure, so the store route, the admin placeholders and the unit spec
// share one rule.

/** What a merchant may set (all optional; `seoSchema` in api/validators.ts validates it). */
export type CourseSeoInput = {
  title?: string | null
  description?: string | null
  image_url?: string | null
  canonical_url?: string | null
  noindex?: boolean | null
}

/** What the store answers: every field resolved. */
export type EffectiveSeo = {
  title: string
  description: string | null
  image_url: string | null
  canonical_url: string | null
  noindex: boolean
}

/** Search engines show about 155-160 characters of a description. */
export const SEO_DESCRIPTION_MAX = 155

/** Markdown and whitespace reduced to one line of plain words. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[#>*_`~|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
}

/** At most `max` characters, cut at a word boundary with an ellipsis when shortened. */
export function trimToWords(text: string, max = SEO_DESCRIPTION_MAX): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(" ")
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`
}

export function effectiveCourseSeo(course: {
  title: string
  subtitle?: string | null
  description?: string | null
  thumbnail?: string | null
  seo?: CourseSeoInput | null
}): EffectiveSeo {
  const seo = course.seo ?? {}
  const fromContent = [course.subtitle, course.description].map((t) => (t ? plainText(t) : "")).find((t) => t.length > 0)
  return {
    title: seo.title?.trim() || course.title,
    description: seo.description?.trim() || (fromContent ? trimToWords(fromContent) : null),
    image_url: seo.image_url || course.thumbnail || null,
    canonical_url: seo.canonical_url || null,
    noindex: seo.noindex === true,
  }
}
