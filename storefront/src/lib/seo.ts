import type { Metadata } from "next"
import type { Course, CourseSummary } from "./courses"
import type { Org } from "./data"

// Search and social metadata for the storefront (issue 26): Next `Metadata` objects, tags for
// a Pages Router <Head>, JSON-LD (schema.org) and sitemap/robots text. Pure: everything it
// needs (the site's origin, the org, the course) is passed in, so the unit spec pins it.

/** What the store answers per course (`course.seo`): the merchant's values, else derived from the content. */
export type Seo = {
  title: string
  description: string | null
  image_url: string | null
  canonical_url: string | null
  noindex: boolean
}

/** Search engines show about 155 characters of a description. */
export const DESCRIPTION_MAX = 155

export type JsonLd = Record<string, unknown>

/**
 * JSON for an inline `<script type="application/ld+json">`: `<`, `>` and `&` as \u escapes so
 * no text can close the script (`</script>`) or open a comment, and U+2028/U+2029, which
 * old JavaScript parsers treat as line ends. Still valid JSON that parses to the same value.
 */
export function jsonLdScript(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
}

/** `path` on the site, absolute. `origin` is scheme + host without a trailing slash. */
export const absoluteUrl = (origin: string, path: string) =>
  /^https?:\/\//i.test(path) ? path : `${origin.replace(/\/+$/, "")}${path.startsWith("/") ? "" : "/"}${path}`

/** One line of plain words from markdown-ish text, cut at a word to `max` characters. */
export function describe(text: string | null | undefined, max = DESCRIPTION_MAX): string | null {
  if (!text) return null
  const plain = text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[#>*_`~|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
  if (!plain) return null
  if (plain.length <= max) return plain
  const cut = plain.slice(0, max - 1)
  const space = cut.lastIndexOf(" ")
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`
}

/** The course's SEO as the store resolved it; derived here too for a backend that sends none. */
export function courseSeo(course: Pick<Course, "title" | "subtitle" | "description" | "thumbnail"> & { seo?: Seo | null }): Seo {
  return (
    course.seo ?? {
      title: course.title,
      description: describe(course.subtitle) ?? describe(course.description),
      image_url: course.thumbnail ?? null,
      canonical_url: null,
      noindex: false,
    }
  )
}

export const coursePath = (handle: string, locale?: string | null) =>
  `${locale ? `/${locale}` : ""}/courses/${encodeURIComponent(handle)}`

/** The generated social image of a course without one (app/og/courses/[handle]/route.tsx). */
export const courseOgImagePath = (handle: string) => `/og/courses/${encodeURIComponent(handle)}`

// --- Metadata -------------------------------------------------------------------------------

export type PageSeo = {
  title: string
  description?: string | null
  /** Absolute, or a path on `origin`. */
  canonical: string
  image?: string | null
  noindex?: boolean
  type?: "website" | "article"
  /** hreflang -> absolute URL (see `hreflangAlternates`). */
  languages?: Record<string, string>
  locale?: string | null
}

/**
 * Next `Metadata` for a page: title, description, canonical, Open Graph and Twitter card,
 * robots. `absoluteTitle`: the page title as is (the layout's "%s · Org" template is for
 * titles that do not name the org already).
 */
export function pageMetadata(org: Pick<Org, "name">, origin: string, page: PageSeo, absoluteTitle = false): Metadata {
  const canonical = absoluteUrl(origin, page.canonical)
  const image = page.image ? absoluteUrl(origin, page.image) : null
  const description = page.description ?? undefined
  return {
    title: absoluteTitle ? { absolute: page.title } : page.title,
    description,
    alternates: { canonical, ...(page.languages ? { languages: page.languages } : {}) },
    openGraph: {
      type: page.type ?? "website",
      siteName: org.name,
      title: page.title,
      description,
      url: canonical,
      ...(page.locale ? { locale: page.locale.replace("-", "_") } : {}),
      ...(image ? { images: [{ url: image, width: 1200, height: 630 }] } : {}),
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title: page.title,
      description,
      ...(image ? { images: [image] } : {}),
    },
    robots: page.noindex ? { index: false, follow: true } : { index: true, follow: true },
  }
}

/**
 * hreflang alternates of one page in each of the org's locales: the default locale at the
 * unprefixed path (and as `x-default`), the others under `/<locale>`. `path` is unprefixed.
 */
export function hreflangAlternates(origin: string, path: string, locales: string[], defaultLocale: string): Record<string, string> {
  const unprefixed = path === "/" ? "" : path
  const out: Record<string, string> = {}
  for (const locale of new Set([defaultLocale, ...locales])) {
    out[locale] = absoluteUrl(origin, locale === defaultLocale ? path : `/${locale}${unprefixed}`)
  }
  out["x-default"] = absoluteUrl(origin, path)
  return out
}

// --- JSON-LD --------------------------------------------------------------------------------

export function organizationJsonLd(org: Pick<Org, "name" | "support_email" | "branding">, origin: string): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    "@id": `${absoluteUrl(origin, "/")}#organization`,
    name: org.name,
    url: absoluteUrl(origin, "/"),
    ...(org.branding.logo_url ? { logo: absoluteUrl(origin, org.branding.logo_url) } : {}),
    ...(org.support_email ? { email: org.support_email } : {}),
  }
}

export function breadcrumbJsonLd(origin: string, items: { name: string; path: string }[]): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: item.name,
      item: absoluteUrl(origin, item.path),
    })),
  }
}

/**
 * A decimal string of an amount in major units as Medusa answers it (49.9 -> "49.9"), never
 * rounded through arithmetic; null for a missing or non-finite amount.
 */
const priceText = (amount: number | null | undefined) =>
  typeof amount === "number" && Number.isFinite(amount) && amount >= 0 ? String(amount) : null

type TierLike = Pick<Course, "tiers">["tiers"][number]

/** One schema.org Offer per tier that has a price in the visitor's region (its cheapest variant). */
export function tierOffers(tiers: TierLike[], url: string, tierLabel: (t: TierLike) => string): JsonLd[] {
  const offers: JsonLd[] = []
  for (const t of tiers) {
    const priced = t.variants
      .map((v) => v.calculated_price)
      .filter((p): p is { calculated_amount: number; currency_code: string } => priceText(p?.calculated_amount) !== null && !!p?.currency_code)
    if (!priced.length) continue
    const cheapest = priced.reduce((a, b) => (b.calculated_amount < a.calculated_amount ? b : a))
    offers.push({
      "@type": "Offer",
      name: tierLabel(t),
      price: priceText(cheapest.calculated_amount),
      priceCurrency: cheapest.currency_code.toUpperCase(),
      availability: "https://schema.org/InStock",
      category: cheapest.calculated_amount === 0 ? "Free" : "Paid",
      url,
    })
  }
  return offers
}

const defaultTierLabel = (t: TierLike) => t.name || t.title || `Tier ${t.tier}`

/** ISO 8601 duration of a number of minutes ("PT1H30M"). */
export function isoMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `PT${h ? `${h}H` : ""}${m || !h ? `${m}M` : ""}`
}

type CourseForLd = Pick<Course, "handle" | "title" | "subtitle" | "description" | "thumbnail" | "tiers"> &
  Partial<Pick<Course, "language" | "estimated_minutes" | "instructors">> & { seo?: Seo | null }

/**
 * schema.org `Course`: name, description and provider (required by Google's course rich
 * results), offers per priced tier, and an online CourseInstance with its workload and
 * instructors when the merchant gave them.
 */
export function courseJsonLd(course: CourseForLd, org: Pick<Org, "name" | "branding" | "support_email">, origin: string, opts: { locale?: string | null; tierLabel?: (t: TierLike) => string } = {}): JsonLd {
  const seo = courseSeo(course)
  const url = absoluteUrl(origin, coursePath(course.handle, opts.locale))
  const offers = tierOffers(course.tiers ?? [], url, opts.tierLabel ?? defaultTierLabel)
  const instructors = (course.instructors ?? []).map((i) => ({ "@type": "Person", name: i.name }))
  return {
    "@context": "https://schema.org",
    "@type": "Course",
    name: course.title,
    // Required: the course's own words, else its title (never an empty description).
    description: seo.description ?? course.title,
    url,
    provider: { "@type": "Organization", name: org.name, sameAs: absoluteUrl(origin, "/") },
    ...(seo.image_url ? { image: absoluteUrl(origin, seo.image_url) } : {}),
    // A translated version is in its locale; the default one in the language the merchant named.
    ...(opts.locale ? { inLanguage: opts.locale } : course.language ? { inLanguage: course.language } : {}),
    ...(offers.length ? { offers } : {}),
    hasCourseInstance: {
      "@type": "CourseInstance",
      courseMode: "online",
      ...(course.estimated_minutes ? { courseWorkload: isoMinutes(course.estimated_minutes) } : {}),
      ...(instructors.length ? { instructor: instructors } : {}),
    },
  }
}

/** schema.org `Product` for the course's product: one Offer per priced tier. */
export function productJsonLd(course: CourseForLd, org: Pick<Org, "name">, origin: string, opts: { locale?: string | null; tierLabel?: (t: TierLike) => string } = {}): JsonLd {
  const seo = courseSeo(course)
  const url = absoluteUrl(origin, coursePath(course.handle, opts.locale))
  const offers = tierOffers(course.tiers ?? [], url, opts.tierLabel ?? defaultTierLabel)
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: course.title,
    description: seo.description ?? course.title,
    url,
    brand: { "@type": "Brand", name: org.name },
    ...(seo.image_url ? { image: absoluteUrl(origin, seo.image_url) } : {}),
    ...(offers.length ? { offers } : {}),
  }
}

// --- The course page ------------------------------------------------------------------------

export type HeadTags = {
  title: string
  /** `<meta name=… content=…>` or `<meta property=… content=…>`. */
  meta: ({ name: string; content: string } | { property: string; content: string })[]
  /** canonical and hreflang alternates. */
  links: { rel: "canonical" | "alternate"; href: string; hreflang?: string }[]
  /** Each a ready-escaped body for `<script type="application/ld+json" dangerouslySetInnerHTML>`. */
  jsonLd: string[]
}

/**
 * Everything the course page puts in its <head>, for a Pages Router `<Head>` (or any
 * renderer): title, description, canonical, hreflang, Open Graph, Twitter, robots and the
 * Course, Product and BreadcrumbList JSON-LD. With no image of its own the generated social
 * image is used.
 */
export function courseHead(
  course: CourseForLd,
  org: Pick<Org, "name" | "branding" | "support_email" | "locales">,
  origin: string,
  opts: { locale?: string | null; tierLabel?: (t: TierLike) => string } = {}
): HeadTags {
  const seo = courseSeo(course)
  const defaultLocale = org.branding.default_locale || "en"
  const locale = opts.locale && opts.locale !== defaultLocale ? opts.locale : null
  const canonical = seo.canonical_url ?? absoluteUrl(origin, coursePath(course.handle, locale))
  const image = absoluteUrl(origin, seo.image_url ?? courseOgImagePath(course.handle))
  const title = `${seo.title} · ${org.name}`
  const description = seo.description ?? course.title
  const alternates = (org.locales?.length ?? 0) > 1 ? hreflangAlternates(origin, coursePath(course.handle), org.locales, defaultLocale) : {}
  const ldOpts = { locale, tierLabel: opts.tierLabel }
  return {
    title,
    meta: [
      { name: "description", content: description },
      { name: "robots", content: seo.noindex ? "noindex, follow" : "index, follow" },
      { property: "og:type", content: "website" },
      { property: "og:site_name", content: org.name },
      { property: "og:title", content: seo.title },
      { property: "og:description", content: description },
      { property: "og:url", content: canonical },
      { property: "og:image", content: image },
      ...(opts.locale ? [{ property: "og:locale", content: opts.locale.replace("-", "_") }] : []),
      { name: "twitter:card", content: "summary_large_image" },
      { name: "twitter:title", content: seo.title },
      { name: "twitter:description", content: description },
      { name: "twitter:image", content: image },
    ],
    links: [
      { rel: "canonical", href: canonical },
      ...Object.entries(alternates).map(([hreflang, href]) => ({ rel: "alternate" as const, hreflang, href })),
    ],
    jsonLd: [
      jsonLdScript(courseJsonLd(course, org, origin, ldOpts)),
      jsonLdScript(productJsonLd(course, org, origin, ldOpts)),
      jsonLdScript(
        breadcrumbJsonLd(origin, [
          { name: org.name, path: locale ? `/${locale}` : "/" },
          { name: "Courses", path: locale ? `/${locale}/courses` : "/courses" },
          { name: course.title, path: coursePath(course.handle, locale) },
        ])
      ),
    ],
  }
}

// --- Sales pages (@volmify/pages) ----------------------------------------------------------

/** What the store answers for a published page, as far as its metadata needs. */
export type SalesPageLike = {
  title: string
  seo: Record<string, unknown> | null
  blocks: ({ type: string } & Record<string, unknown>)[]
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null)

/** The words of a rich-text block's nodes (paragraphs, headings, lists), for a description. */
function richText(nodes: unknown): string {
  const runs = (rs: unknown): string =>
    Array.isArray(rs) ? rs.map((r) => (r && typeof r === "object" ? (str((r as { text?: unknown }).text) ?? runs((r as { children?: unknown }).children)) : "")).join("") : ""
  if (!Array.isArray(nodes)) return ""
  return nodes
    .map((n) => (n && typeof n === "object" ? ("items" in n && Array.isArray(n.items) ? n.items.map(runs).join(" ") : runs((n as { children?: unknown }).children)) : ""))
    .join(" ")
}

/**
 * A sales page's search and social fields (`page.seo`, all optional, as the pages plugin
 * validates them) with defaults from its content: the title, the first hero's text (else the
 * first rich text) as description, the first hero's image as social image. `path` is where
 * the page is served ("/" for the home page, "/p/<slug>").
 */
export function salesPageSeo(page: SalesPageLike, path: string): PageSeo {
  const seo = page.seo ?? {}
  const hero = page.blocks.find((b) => b.type === "hero")
  const rich = page.blocks.find((b) => b.type === "rich_text")
  return {
    title: str(seo.title) ?? page.title,
    description: describe(str(seo.description)) ?? describe(str(hero?.text)) ?? describe(rich ? richText(rich.content) : null),
    canonical: str(seo.canonical_url) ?? path,
    image: str(seo.social_image_url) ?? str(hero?.image_url),
    noindex: seo.noindex === true,
  }
}

/**
 * The same tags as `pageMetadata`, for a Pages Router `<Head>` (the home page and sales pages
 * ship no client JavaScript, so they render their head themselves), plus the page's JSON-LD.
 */
export function pageHead(org: Pick<Org, "name">, origin: string, page: PageSeo, jsonLd: JsonLd[] = [], absoluteTitle = false): HeadTags {
  const canonical = absoluteUrl(origin, page.canonical)
  const image = page.image ? absoluteUrl(origin, page.image) : null
  const description = page.description ?? null
  return {
    title: absoluteTitle ? page.title : `${page.title} · ${org.name}`,
    meta: [
      ...(description ? [{ name: "description", content: description }] : []),
      { name: "robots", content: page.noindex ? "noindex, follow" : "index, follow" },
      { property: "og:type", content: page.type ?? "website" },
      { property: "og:site_name", content: org.name },
      { property: "og:title", content: page.title },
      ...(description ? [{ property: "og:description", content: description }] : []),
      { property: "og:url", content: canonical },
      ...(page.locale ? [{ property: "og:locale", content: page.locale.replace("-", "_") }] : []),
      ...(image ? [{ property: "og:image", content: image }] : []),
      { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
      { name: "twitter:title", content: page.title },
      ...(description ? [{ name: "twitter:description", content: description }] : []),
      ...(image ? [{ name: "twitter:image", content: image }] : []),
    ],
    links: [
      { rel: "canonical", href: canonical },
      ...Object.entries(page.languages ?? {}).map(([hreflang, href]) => ({ rel: "alternate" as const, hreflang, href })),
    ],
    jsonLd: jsonLd.map((d) => jsonLdScript(d)),
  }
}

// --- sitemap.xml and robots.txt -------------------------------------------------------------

export type SitemapEntry = { path: string; lastmod?: string | null; alternates?: Record<string, string> }

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")

/** A sitemaps.org urlset (with xhtml:link hreflang alternates when given). */
export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map((e) => {
    const lastmod = e.lastmod && !Number.isNaN(Date.parse(e.lastmod)) ? `<lastmod>${new Date(e.lastmod).toISOString()}</lastmod>` : ""
    const links = Object.entries(e.alternates ?? {})
      .map(([lang, href]) => `<xhtml:link rel="alternate" hreflang="${xmlEscape(lang)}" href="${xmlEscape(href)}"/>`)
      .join("")
    return `<url><loc>${xmlEscape(absoluteUrl(origin, e.path))}</loc>${lastmod}${links}</url>`
  })
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n` +
    urls.join("\n") +
    `\n</urlset>\n`
  )
}

/** The sitemap's entries: home, the catalog and each published course that is not noindex. */
export function courseSitemapEntries(courses: (Pick<CourseSummary, "handle"> & { seo?: Seo | null; updated_at?: string | null })[]): SitemapEntry[] {
  return courses
    .filter((c) => !c.seo?.noindex)
    .map((c) => ({ path: coursePath(c.handle), lastmod: c.updated_at ?? null }))
}

/** Private areas no crawler should walk; everything else is open, and the sitemap is named. */
export const ROBOTS_DISALLOW = ["/account", "/cart", "/checkout", "/learn", "/order"] as const

export function robotsTxt(origin: string): string {
  return ["User-agent: *", "Allow: /", ...ROBOTS_DISALLOW.map((p) => `Disallow: ${p}`), "", `Sitemap: ${absoluteUrl(origin, "/sitemap.xml")}`, ""].join("\n")
}

// --- Generated social image -----------------------------------------------------------------

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/

/** The org's colours for the generated social image, validated (a default where unset or invalid). */
export function ogColors(branding: Pick<Org["branding"], "primary_color" | "accent_color">): { brand: string; accent: string } {
  return {
    brand: branding.primary_color && HEX_COLOR.test(branding.primary_color) ? branding.primary_color : "#1f2937",
    accent: branding.accent_color && HEX_COLOR.test(branding.accent_color) ? branding.accent_color : "#f59e0b",
  }
}
