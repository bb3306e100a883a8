import { z } from "@medusajs/framework/zod"
import { describeProblem, parseBlocks, pageSeoSchema, type Block } from "../rules/blocks"

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

/** GET /admin/pages/:id, GET /store/pages/:slug, GET /store/home-page: no parameters. */
export const EmptyQuerySchema = z.object({}).strict()
