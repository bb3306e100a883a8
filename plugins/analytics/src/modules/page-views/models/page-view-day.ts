import { model } from "@medusajs/framework/utils"

/**
 * The daily rollup of storefront page views (POST /store/analytics/page-views): one row per
 * org, UTC day and viewed thing (a course, or a sales page by slug), `views` counted up in
 * place. Nothing about the visitor is kept: no IP, no cookie, no customer, no user agent.
 */
export const PageViewDay = model
  .define("page_view_day", {
    id: model.id({ prefix: "pvday" }).primaryKey(),
    org_id: model.text(),
    /** The UTC day, as its midnight. */
    day: model.dateTime(),
    course_id: model.text().nullable(),
    page_slug: model.text().nullable(),
    views: model.number().default(0),
  })
  .indexes([
    // One row per (org, day, course) and per (org, day, page): the upsert's conflict targets.
    { on: ["org_id", "day", "course_id"], unique: true, where: "course_id IS NOT NULL AND deleted_at IS NULL", name: "IDX_page_view_day_course" },
    { on: ["org_id", "day", "page_slug"], unique: true, where: "page_slug IS NOT NULL AND deleted_at IS NULL", name: "IDX_page_view_day_page" },
  ])
