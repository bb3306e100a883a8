import { z } from "@medusajs/framework/zod"
import { describeProblem, parseBlocks, pageSeoSchema, LIMITS, type Block } from "../rules/blocks"
import { FIELD_PATH } from "../rules/page-translations"

export { pageSeoSchema, type PageSeo } from "../rules/blocks"

/*
 * Schemas of the pages routes. Strict: an unknown key (`fields=` too) is a 400 naming it.
 * Blocks go through parseBlocks (rules/blocks.ts): a bad block is a 400 naming its index,
 * type and field ("blocks[2] (hero) cta.href: must be an http(s) ...").
 */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const slug = z.string().trim().min(1).max(100).regex(SLUG, "slug must be lowercase letters, digits and single dashes (launch-2027)")
const title = z.string().trim().min(1, "title must not be empty").max(200)
const orgId = z.string().trim().min(1).max(100)

/**
 * The number of the page's newest version the editor loaded (0 before any). When another
 * save came in since, the write is refused with 409 and nothing is written.
 */
const baseVersion = z.number().int().min(0).max(1_000_000)

const blocks = z.unknown().transform((value, ctx): Block[] => {
  const result = parseBlocks(value)
  if (!result.ok) {
    for (const problem of result.problems) ctx.addIssue({ code: "custom", message: describeProblem(problem) })
    return z.NEVER
  }
  return result.blocks
})

/** POST /admin/pages: a new page (draft); platform operators name the org with org_id. */
export const AdminCreatePageSchema = z
  .object({
    org_id: orgId.optional(),
    title,
    slug,
    is_home: z.boolean().optional(),
    blocks: blocks.optional(),
    seo: pageSeoSchema.nullable().optional(),
  })
  .strict()
export type AdminCreatePage = z.infer<typeof AdminCreatePageSchema>

/** POST /admin/pages/:id: page fields; `blocks` saves a new draft version. */
export const AdminUpdatePageSchema = z
  .object({
    title: title.optional(),
    slug: slug.optional(),
    is_home: z.boolean().optional(),
    blocks: blocks.optional(),
    seo: pageSeoSchema.nullable().optional(),
    base_version: baseVersion.optional(),
  })
  .strict()
export type AdminUpdatePage = z.infer<typeof AdminUpdatePageSchema>

/** POST /admin/pages/:id/publish: publishes the newest version, or the one named. */
export const AdminPublishPageSchema = z
  .object({ version_id: z.string().trim().min(1).max(100).optional(), base_version: baseVersion.optional() })
  .strict()
export type AdminPublishPage = z.infer<typeof AdminPublishPageSchema>

/** POST /admin/pages/:id/versions/:version_id/restore */
export const AdminRestorePageVersionSchema = z.object({ base_version: baseVersion.optional() }).strict()
export type AdminRestorePageVersion = z.infer<typeof AdminRestorePageVersionSchema>

const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
}

/** GET /admin/pages: the org's pages (platform operators: `org_id`, or every org). */
export const AdminListPagesQuerySchema = z
  .object({ org_id: orgId.optional(), status: z.enum(["draft", "published"]).optional(), ...paging })
  .strict()
export type AdminListPagesQuery = z.infer<typeof AdminListPagesQuerySchema>

/** GET /admin/pages/:id/versions */
export const AdminListPageVersionsQuerySchema = z.object({ ...paging }).strict()
export type AdminListPageVersionsQuery = z.infer<typeof AdminListPageVersionsQuerySchema>

/** A locale (BCP-47 tag such as en or pt-BR); whether the org enabled it is checked by the route. */
const localeTag = z
  .string()
  .trim()
  .min(1, "locale must not be empty")
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "locale must be a language tag such as en or pt-BR")

/**
 * POST /admin/pages/:id/translations: texts of the page's blocks (by block id and the text's
 * path, "items[1].answer") or of its SEO (block_id "_seo") in one locale; `value: null`
 * removes one (back to the default). Which blocks and fields exist is checked by the route
 * against the page's draft (rules/page-translations.ts).
 */
export const AdminSetPageTranslationsSchema = z
  .object({
    locale: localeTag,
    translations: z
      .array(
        z
          .object({
            block_id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "block_id must be a block's id (1-40 letters, digits, _ or -)"),
            field: z.string().max(200).regex(FIELD_PATH, "field must be a text's path in its block, such as heading or items[0].answer"),
            value: z
              .string()
              .trim()
              .max(LIMITS.text, `value must be at most ${LIMITS.text} characters`)
              .refine((v) => !v.includes("\u0000"), "value must not contain NUL characters")
              .nullable(),
          })
          .strict()
      )
      .min(1, "translations must not be empty")
      .max(1000, "at most 1000 translations at once"),
  })
  .strict()
export type AdminSetPageTranslations = z.infer<typeof AdminSetPageTranslationsSchema>

/** GET /admin/pages/:id/translations: all locales, or one (enabled, not the default). */
export const AdminPageTranslationsQuerySchema = z.object({ locale: localeTag.optional() }).strict()
export type AdminPageTranslationsQuery = z.infer<typeof AdminPageTranslationsQuerySchema>

/** GET /admin/pages/:id/translations/missing?locale= */
export const AdminMissingPageTranslationsQuerySchema = z.object({ locale: localeTag }).strict()
export type AdminMissingPageTranslationsQuery = z.infer<typeof AdminMissingPageTranslationsQuerySchema>

/** GET /admin/pages/:id, GET /store/pages/:slug, GET /store/home-page: no parameters. */
export const EmptyQuerySchema = z.object({}).strict()
