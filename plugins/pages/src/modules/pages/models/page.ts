import { model } from "@medusajs/framework/utils"
import { PageVersion } from "./page-version"

export const PAGE_STATUSES = ["draft", "published"] as const

/**
 * A sales page of an org: its slug is unique within the org (`/p/<slug>` on the storefront),
 * at most one page per org is the home page (`/`). The content lives in versions: every save
 * appends one (the newest is the draft the editor shows); `published_version_id` is the one
 * the store serves, and `status` is `published` exactly while it is set. `seo` is filled by
 * the SEO work (validated by `pageSeoSchema`).
 */
export const Page = model
  .define("page", {
    id: model.id({ prefix: "page" }).primaryKey(),
    org_id: model.text(),
    slug: model.text(),
    title: model.text(),
    is_home: model.boolean().default(false),
    status: model.enum([...PAGE_STATUSES]).default("draft"),
    published_version_id: model.text().nullable(),
    published_at: model.dateTime().nullable(),
    seo: model.json().nullable(),
    versions: model.hasMany(() => PageVersion, { mappedBy: "page" }),
  })
  .cascades({ delete: ["versions"] })
  .indexes([
    { on: ["org_id", "slug"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id"], unique: true, where: "deleted_at IS NULL AND is_home = true", name: "IDX_page_org_home_unique" },
  ])
