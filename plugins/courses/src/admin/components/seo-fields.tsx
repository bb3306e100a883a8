import { Checkbox, Container, Heading, Input, Label, Text, Textarea } from "@medusajs/ui"

/** The course's search and social metadata as the form edits it (empty string: use the default). */
export type SeoDraft = { title: string; description: string; image_url: string; canonical_url: string; noindex: boolean }

export type SeoValue = { title?: string | null; description?: string | null; image_url?: string | null; canonical_url?: string | null; noindex?: boolean } | null

export const seoDraftOf = (seo: SeoValue | undefined): SeoDraft => ({
  title: seo?.title ?? "",
  description: seo?.description ?? "",
  image_url: seo?.image_url ?? "",
  canonical_url: seo?.canonical_url ?? "",
  noindex: seo?.noindex === true,
})

/** What POST /admin/courses/:id takes as `seo`: null when nothing is set (all defaults). */
export function seoPayloadOf(d: SeoDraft): SeoValue {
  const out = {
    title: d.title.trim() || null,
    description: d.description.trim() || null,
    image_url: d.image_url.trim() || null,
    canonical_url: d.canonical_url.trim() || null,
    ...(d.noindex ? { noindex: true } : {}),
  }
  return Object.values(out).some((v) => v !== null) ? out : null
}

/** The default shown as a placeholder (the same rule as the store's: rules/course-seo.ts). */
const defaultDescription = (subtitle: string, description: string) => {
  const text = (subtitle.trim() || description.trim()).replace(/[#>*_`~|]+/g, " ").replace(/\s+/g, " ").trim()
  return text.length <= 155 ? text : `${text.slice(0, 154)}…`
}

/** "Search and social": title, description, image, canonical URL and noindex of a course. */
export function SeoFields({
  value,
  onChange,
  defaults,
}: {
  value: SeoDraft
  onChange: (patch: Partial<SeoDraft>) => void
  defaults: { title: string; subtitle: string; description: string; thumbnail: string }
}) {
  return (
    <Container className="flex flex-col gap-3" aria-label="Search and social">
      <Heading level="h2">Search and social</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        What search engines and link previews show. Leave a field empty to use the course's own title, subtitle and image.
      </Text>
      <Label htmlFor="seo-title">SEO title</Label>
      <Input id="seo-title" maxLength={70} placeholder={defaults.title} value={value.title} onChange={(e) => onChange({ title: e.target.value })} />
      <Label htmlFor="seo-description">SEO description</Label>
      <Textarea
        id="seo-description"
        rows={3}
        maxLength={320}
        placeholder={defaultDescription(defaults.subtitle, defaults.description) || "A sentence about the course"}
        value={value.description}
        onChange={(e) => onChange({ description: e.target.value })}
      />
      <Label htmlFor="seo-image">Social image URL</Label>
      <Input
        id="seo-image"
        placeholder={defaults.thumbnail || "Generated from the course title and your branding"}
        value={value.image_url}
        onChange={(e) => onChange({ image_url: e.target.value })}
      />
      <Label htmlFor="seo-canonical">Canonical URL</Label>
      <Input id="seo-canonical" placeholder="This course's own page" value={value.canonical_url} onChange={(e) => onChange({ canonical_url: e.target.value })} />
      <div className="flex items-center gap-2">
        <Checkbox id="seo-noindex" checked={value.noindex} onCheckedChange={(v) => onChange({ noindex: v === true })} />
        <Label htmlFor="seo-noindex">Hide from search engines (noindex, left out of the sitemap)</Label>
      </div>
    </Container>
  )
}
