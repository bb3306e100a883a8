import { model } from "@medusajs/framework/utils"

export const RUN_STATUSES = ["active", "completed", "exited", "unsubscribed"] as const

/**
 * One customer going through one sequence (at most one run per pair and episode). `next_step` is the
 * index of the step to perform when `due_at` has come; `claimed_until` is the lease a worker
 * takes (claimDueRuns: FOR UPDATE SKIP LOCKED) so two workers never hold the same run.
 */
export const AutomationRun = model
  .define("automation_run", {
    id: model.id({ prefix: "arun" }).primaryKey(),
    org_id: model.text(),
    sequence_id: model.text(),
    customer_id: model.text(),
    /**
     * Which occurrence of the trigger this run is: "" for triggers that start a sequence once
     * per customer, ever; for no_lesson_opened the inactivity episode (the last activity
     * time it follows), so a student who comes back and goes quiet again is enrolled again.
     */
    episode: model.text().default(""),
    email: model.text(),
    status: model.enum([...RUN_STATUSES]).default("active"),
    next_step: model.number().default(0),
    due_at: model.dateTime(),
    claimed_until: model.dateTime().nullable(),
    /** What the merge fields need from the trigger (e.g. the course or product). */
    context: model.json().nullable(),
    sent_count: model.number().default(0),
    ended_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["sequence_id", "customer_id", "episode"], unique: true, where: "deleted_at IS NULL" },
    { on: ["due_at"], where: "deleted_at IS NULL AND status = 'active'" },
    { on: ["org_id", "customer_id"], where: "deleted_at IS NULL" },
  ])
