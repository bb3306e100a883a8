import "./server-only"
import type { Course } from "./courses"
import { getOrg } from "./data"
import { siteOrigin } from "./origin"
import type { SalesPage } from "./pages"
import { breadcrumbJsonLd, courseJsonLd, hreflangAlternates, pageHead, productJsonLd, salesPageSeo, type HeadTags, type JsonLd } from "./seo"
import { tierName } from "./tiers"

/**
 * The <head> of a published sales page at `path` ("/" for the home page, "/p/<slug>"): title,
 * description, canonical, Open Graph, Twitter and robots from `page.seo` with defaults from its
 * blocks (lib/seo.ts salesPageSeo), and its JSON-LD: a BreadcrumbList, and a Course and a
 * Product (offers per tier, in the visitor's region) for each course it sells in a pricing
 * table (`priced`, read with the blocks' data). The Organization comes with the shell.
 */
export async function salesPageHead(page: SalesPage, path: string, priced: Record<string, Course>): Promise<HeadTags> {
  const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
  const home = path === "/"
  const jsonLd: JsonLd[] = [breadcrumbJsonLd(origin, [{ name: org.name, path: "/" }, ...(home ? [] : [{ name: page.title, path }])])]
  for (const course of Object.values(priced)) {
    const opts = { tierLabel: (t: (typeof course.tiers)[number]) => tierName(course.tiers, t.tier) }
    jsonLd.push(courseJsonLd(course, org, origin, opts), productJsonLd(course, org, origin, opts))
  }
  // Translated pages (issue 26): every locale's URL as hreflang; a page the store answered in
  // another locale than the default has that locale's URL as canonical (unless the merchant
  // set one) and its og:locale, like the course page.
  const defaultLocale = org.branding.default_locale
  const languages = org.locales.length > 1 ? hreflangAlternates(origin, path, org.locales, defaultLocale) : undefined
  const translated = page.locale && page.locale !== defaultLocale ? page.locale : null
  const seo = salesPageSeo(page, path)
  const canonical = translated && seo.canonical === path ? `/${translated}${home ? "" : path}` : seo.canonical
  return pageHead(org, origin, { ...seo, canonical, languages, locale: translated }, jsonLd, home)
}

/** The fixed home page's <head> (an org with no published home page). */
export async function fixedHomeHead(): Promise<HeadTags> {
  const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
  return pageHead(
    org,
    origin,
    {
      title: `Learn with ${org.name}`,
      description: `Courses from ${org.name} you can start today, at the level that suits you.`,
      canonical: "/",
      languages: org.locales.length > 1 ? hreflangAlternates(origin, "/", org.locales, org.branding.default_locale) : undefined,
      image: org.branding.logo_url,
    },
    [],
    true
  )
}
