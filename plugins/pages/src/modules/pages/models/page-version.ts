import { model } from "@medusajs/framework/utils"
import { Page } from "./page"

/**
 * One saved state of a page's blocks (append-only; `number` counts from 1 per page). The
 * blocks were validated by `pageBlocksSchema` before they were written. `created_by` is the
 * admin user who saved it (null for a workflow run without an actor).
 */
export const PageVersion = model
  .define("page_version", {
    id: model.id({ prefix: "pagever" }).primaryKey(),
    number: model.number(),
    blocks: model.json(),
    title: model.text(),
    created_by: model.text().nullable(),
    page: model.belongsTo(() => Page, { mappedBy: "versions" }),
  })
  .indexes([{ on: ["page_id", "number"], unique: true, where: "deleted_at IS NULL" }])
