import { model } from "@medusajs/framework/utils"

/**
 * Admin users explicitly marked as operators of the whole platform. Being an operator is
 * never inferred (e.g. from "belongs to no org"): it is this row, and only the platform
 * can write it (seed, CLI, another operator).
 */
export const PlatformOperator = model
  .define("platform_operator", {
    id: model.id({ prefix: "plop" }).primaryKey(),
    user_id: model.text(),
  })
  .indexes([{ on: ["user_id"], unique: true, where: "deleted_at IS NULL" }])
