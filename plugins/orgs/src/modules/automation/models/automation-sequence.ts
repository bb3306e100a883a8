import { model } from "@medusajs/framework/utils"

/** What enrolls a customer in a sequence (see rules/automation.ts for each one's `trigger_ref`). */
export const AUTOMATION_TRIGGERS = [
  "member_joined",
  "product_bought",
  "course_enrolled",
  "course_completed",
  /** No lesson opened for `trigger_days` days in `trigger_ref` (a course) or in any course of the org. */
  "no_lesson_opened",
  /** Confirmed a double opt-in on `trigger_ref` (a lead-magnet course) or on any of the org's. */
  "lead_magnet_opt_in",
] as const
export const SEQUENCE_STATUSES = ["draft", "active", "paused"] as const

/**
 * An org's email sequence, edited in the admin: a trigger, steps (JSON, validated by
 * rules/automation.ts: `wait` and `email`), and an exit condition checked before every
 * email and on every order (`exit_on_purchase`: stop once the customer buys, optionally
 * only a given product).
 */
export const AutomationSequence = model
  .define("automation_sequence", {
    id: model.id({ prefix: "aseq" }).primaryKey(),
    org_id: model.text(),
    name: model.text(),
    status: model.enum([...SEQUENCE_STATUSES]).default("draft"),
    trigger_type: model.enum([...AUTOMATION_TRIGGERS]),
    /** The product (product_bought) or course (course_*) the trigger is about; null = any. */
    trigger_ref: model.text().nullable(),
    /** no_lesson_opened: how many days without a lesson opened start the sequence. */
    trigger_days: model.number().nullable(),
    steps: model.json(),
    exit_on_purchase: model.boolean().default(false),
    /** With exit_on_purchase: only a purchase of this product stops the sequence; null = any order. */
    exit_product_id: model.text().nullable(),
  })
  .indexes([{ on: ["org_id", "trigger_type"], where: "deleted_at IS NULL" }])
