import { z } from "@medusajs/framework/zod"

/*
 * What the pages routes answer, for the OpenAPI documents and the presenters below (one
 * shape per record, so the admin and the store agree on field names).
 */
const version = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  created_by: z.string().nullable(),
  created_at: z.string(),
})
export const AdminPageVersionSchema = version.extend({ blocks: z.array(z.looseObject({ type: z.string(), id: z.string() })) })

export const AdminPageSchema = z.looseObject({
  id: z.string(),
  org_id: z.string(),
  slug: z.string(),
  title: z.string(),
  is_home: z.boolean(),
  status: z.enum(["draft", "published"]),
  published_version_id: z.string().nullable(),
  published_at: z.string().nullable(),
  seo: z.looseObject({}).nullable(),
})

export const AdminPageResponseSchema = z.object({ page: AdminPageSchema.extend({ draft: AdminPageVersionSchema.nullable() }) })
export const AdminPageListResponseSchema = z.object({
  pages: z.array(AdminPageSchema.extend({ latest_version_number: z.number().int() })),
  count: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})
export const AdminPageVersionListResponseSchema = z.object({
  versions: z.array(AdminPageVersionSchema),
  count: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})
export const AdminPageVersionResponseSchema = z.object({ page: AdminPageSchema, version: AdminPageVersionSchema })
export const AdminPageUnpublishedResponseSchema = z.object({ page: AdminPageSchema })

export const StorePageResponseSchema = z.object({
  page: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    is_home: z.boolean(),
    seo: z.looseObject({}).nullable(),
    published_at: z.string().nullable(),
    version: z.number().int(),
    /** The locale the texts are in: the `x-volmify-locale` header's when the org enabled it, else the org's default. */
    locale: z.string(),
    blocks: z.array(z.looseObject({ type: z.string(), id: z.string() })),
  }),
})

const translationRow = z.object({
  id: z.string(),
  locale: z.string(),
  block_id: z.string(),
  field: z.string(),
  value: z.string(),
  /** The draft's text this translates; null when that text is no longer on the draft. */
  source: z.string().nullable(),
  updated_at: z.union([z.string(), z.date()]),
})
export const AdminPageTranslationsResponseSchema = z.object({
  default_locale: z.string(),
  locales: z.array(z.string()),
  translations: z.array(translationRow),
})
export const AdminSetPageTranslationsResponseSchema = z.object({ locale: z.string(), set: z.number().int(), removed: z.number().int() })
export const AdminMissingPageTranslationsResponseSchema = z.object({
  locale: z.string(),
  missing: z.array(z.object({ block_id: z.string(), block_type: z.string(), field: z.string(), source: z.string() })),
  count: z.number().int(),
  total: z.number().int(),
})

export const StorePageListResponseSchema = z.object({
  pages: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      is_home: z.boolean(),
      noindex: z.boolean(),
      published_at: z.string().nullable(),
      updated_at: z.string().nullable(),
    })
  ),
})

type Dated = Date | string | null | undefined
const iso = (d: Dated) => (d ? new Date(d).toISOString() : null)

type PageRow = {
  id: string
  org_id: string
  slug: string
  title: string
  is_home: boolean
  status: "draft" | "published"
  published_version_id: string | null
  published_at: Dated
  seo: unknown
  created_at: Dated
  updated_at: Dated
}
type VersionRow = { id: string; number: number; title: string; blocks: unknown; created_by: string | null; created_at: Dated }

export const presentVersion = (v: VersionRow) => ({
  id: v.id,
  number: v.number,
  title: v.title,
  blocks: (v.blocks ?? []) as Array<{ type: string; id: string }>,
  created_by: v.created_by ?? null,
  created_at: iso(v.created_at) as string,
})

export const presentPage = (p: PageRow) => ({
  id: p.id,
  org_id: p.org_id,
  slug: p.slug,
  title: p.title,
  is_home: p.is_home,
  status: p.status,
  published_version_id: p.published_version_id ?? null,
  published_at: iso(p.published_at),
  seo: (p.seo ?? null) as Record<string, unknown> | null,
  created_at: iso(p.created_at),
  updated_at: iso(p.updated_at),
})

export const presentStorePage = (p: PageRow, v: VersionRow, locale: string) => ({
  id: p.id,
  slug: p.slug,
  title: p.title,
  is_home: p.is_home,
  seo: (p.seo ?? null) as Record<string, unknown> | null,
  published_at: iso(p.published_at),
  version: v.number,
  locale,
  blocks: (v.blocks ?? []) as Array<{ type: string; id: string }>,
})

/** A published page in the store's list (the sitemap's entry): no blocks. */
export const presentStorePageEntry = (p: Pick<PageRow, "slug" | "title" | "is_home" | "seo" | "published_at" | "updated_at">) => ({
  slug: p.slug,
  title: p.title,
  is_home: p.is_home,
  noindex: (p.seo as { noindex?: unknown } | null)?.noindex === true,
  published_at: iso(p.published_at),
  updated_at: iso(p.updated_at),
})
