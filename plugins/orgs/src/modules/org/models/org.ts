import { model } from "@medusajs/framework/utils"

export const ORG_STATUSES = ["active", "suspended"] as const

/** A tenant. It owns exactly one Medusa sales channel, created with it. */
export const Org = model
  .define("org", {
    id: model.id({ prefix: "org" }).primaryKey(),
    handle: model.text().searchable(),
    name: model.text().searchable(),
    status: model.enum([...ORG_STATUSES]).default("active"),
    sales_channel_id: model.text(),
  })
  .indexes([
    { on: ["handle"], unique: true, where: "deleted_at IS NULL" },
    { on: ["sales_channel_id"], unique: true, where: "deleted_at IS NULL" },
  ])
