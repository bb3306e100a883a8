import { model } from "@medusajs/framework/utils"

/**
 * One text of a page in one of its org's locales (issue 26): the text at `field` (a path such
 * as "items[1].answer", see rules/page-translations.ts) of the block `block_id`, or of the
 * page's SEO (`block_id` "_seo", field "title" or "description"). The default locale's text
 * stays in the page's blocks; a missing row falls back to it. Keyed by the block's id (kept
 * across versions by the editor), so reordering blocks or saving a new version keeps it.
 * `page_id` is a plain column: a page's delete soft-deletes its translations in its own step.
 */
export const PageTranslation = model
  .define("page_translation", {
    id: model.id({ prefix: "pagetr" }).primaryKey(),
    page_id: model.text(),
    locale: model.text(),
    block_id: model.text(),
    field: model.text(),
    value: model.text(),
  })
  .indexes([
    { on: ["page_id", "locale", "block_id", "field"], unique: true, where: "deleted_at IS NULL" },
    { on: ["page_id", "locale"], where: "deleted_at IS NULL" },
  ])
