import { z } from "@medusajs/framework/zod"
import { longText, text } from "../validation"
import { AUTOMATION_TRIGGERS, SEQUENCE_STATUSES } from "../modules/automation/models/automation-sequence"
import { MAX_STEPS, stepProblems } from "../rules/automation"
import { EMAIL_LOCALE_PATTERN } from "../email/locale"

const WaitStep = z
  .object({
    type: z.literal("wait"),
    days: z.number().int().min(0).max(365).optional(),
    hours: z.number().int().min(0).max(24 * 365).optional(),
  })
  .strict()
const EmailText = z.object({ subject: text().min(1).max(200), body: longText().min(1).max(20_000) }).strict()
/** Translations by locale (`es`, `pt-BR`); which locales the org enabled is checked by the route. */
const Translations = z.record(z.string(), EmailText).superRefine((t, ctx) => {
  const locales = Object.keys(t)
  if (locales.length > 20) ctx.addIssue({ code: "custom", message: "an email has translations in at most 20 locales" })
  for (const locale of locales) {
    if (locale.length > 35 || !EMAIL_LOCALE_PATTERN.test(locale)) {
      ctx.addIssue({ code: "custom", path: [locale], message: `translations are keyed by a locale like es or pt-BR, not "${locale.slice(0, 40)}"` })
    }
  }
})
const EmailStep = z
  .object({ type: z.literal("email"), subject: text().min(1).max(200), body: longText().min(1).max(20_000), translations: Translations.optional() })
  .strict()
const Steps = z
  .array(z.discriminatedUnion("type", [WaitStep, EmailStep]))
  .min(1)
  .max(MAX_STEPS)
  .superRefine((steps, ctx) => {
    for (const message of stepProblems(steps)) ctx.addIssue({ code: "custom", message })
  })

const Id = text().min(1).max(100)
/** no_lesson_opened: days without a lesson opened (1 to 365). */
const TriggerDays = z.number().int().min(1, "trigger_days must be at least 1").max(365, "trigger_days must be at most 365")

export const AdminCreateAutomationSchema = z
  .object({
    name: text().min(1).max(200),
    status: z.enum(SEQUENCE_STATUSES).default("draft"),
    trigger_type: z.enum(AUTOMATION_TRIGGERS),
    trigger_ref: Id.nullish(),
    trigger_days: TriggerDays.nullish(),
    steps: Steps,
    exit_on_purchase: z.boolean().default(false),
    exit_product_id: Id.nullish(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.trigger_type === "no_lesson_opened" && !body.trigger_days) {
      ctx.addIssue({ code: "custom", path: ["trigger_days"], message: "trigger_days (how many days without a lesson opened) is required for no_lesson_opened" })
    }
    if (body.trigger_type !== "no_lesson_opened" && body.trigger_days != null) {
      ctx.addIssue({ code: "custom", path: ["trigger_days"], message: "trigger_days only applies to the no_lesson_opened trigger" })
    }
  })

export const AdminUpdateAutomationSchema = z
  .object({
    name: text().min(1).max(200).optional(),
    status: z.enum(SEQUENCE_STATUSES).optional(),
    trigger_ref: Id.nullish(),
    trigger_days: TriggerDays.nullish(),
    steps: Steps.optional(),
    exit_on_purchase: z.boolean().optional(),
    exit_product_id: Id.nullish(),
  })
  .strict()

export const AdminPreviewAutomationEmailSchema = z
  .object({
    subject: text().min(1).max(200),
    body: longText().min(1).max(20_000),
    /** Sample merge values; missing ones get examples. */
    sample: z.record(z.string(), text().max(500)).optional(),
  })
  .strict()

export const AdminListSuppressionsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListSuppressionsQuery = z.infer<typeof AdminListSuppressionsQuerySchema>

export const AdminAddSuppressionSchema = z
  .object({ email: text().email().max(320), reason: z.enum(["unsubscribed", "bounced"]) })
  .strict()

export const StoreEmailPreferencesSchema = z.object({ marketing: z.boolean() }).strict()

/** POST /store/marketing-opt-ins: a visitor asks for a lead magnet and the org's emails (double opt-in). */
export const StoreMarketingOptInSchema = z
  .object({
    email: text().toLowerCase().email("email must be an email address").max(320),
    course_id: Id,
  })
  .strict()

/** POST /store/marketing-opt-ins/confirm: the token from the confirmation link. */
export const StoreConfirmOptInSchema = z.object({ token: text().min(1).max(400) }).strict()

export type AdminCreateAutomation = z.infer<typeof AdminCreateAutomationSchema>
export type AdminUpdateAutomation = z.infer<typeof AdminUpdateAutomationSchema>
export type AdminPreviewAutomationEmail = z.infer<typeof AdminPreviewAutomationEmailSchema>
export type AdminAddSuppression = z.infer<typeof AdminAddSuppressionSchema>
