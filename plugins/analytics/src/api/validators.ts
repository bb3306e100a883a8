import { z } from "@medusajs/framework/zod"
import { text } from "@volmify/orgs/validation"

/*
 * Query schemas of the analytics routes. Strict: an unknown parameter (`fields=` too) is a
 * 400 naming it. Dates are UTC: a date (YYYY-MM-DD) or an ISO date-time; `to` as a date
 * counts that whole day.
 */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/
/** A real calendar day (Date.parse would roll 2026-02-31 over to March 3). */
const isDate = (v: string) =>
  DATE.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === v.slice(0, 10)
const date = (field: string) => text().refine(isDate, `${field} must be a date (YYYY-MM-DD) or an ISO date-time`)

const period = {
  from: date("from").optional(),
  to: date("to").optional(),
}

export const INTERVALS = ["day", "week", "month"] as const

export const AnalyticsOverviewQuerySchema = z
  .object({
    ...period,
    interval: z.enum(INTERVALS, { message: "interval must be one of day, week, month" }).optional(),
    currency_code: text().regex(/^[a-zA-Z]{3}$/, "currency_code must be a 3-letter currency code").optional(),
    org_id: text().min(1, "org_id must not be empty").optional(),
  })
  .strict()
export type AnalyticsOverviewQuery = z.infer<typeof AnalyticsOverviewQuerySchema>

export const AnalyticsCourseQuerySchema = z.object({ ...period }).strict()
export type AnalyticsCourseQuery = z.infer<typeof AnalyticsCourseQuerySchema>

export const AnalyticsPlatformQuerySchema = z.object({ ...period }).strict()
export type AnalyticsPlatformQuery = z.infer<typeof AnalyticsPlatformQuerySchema>

/**
 * POST /store/analytics/page-views: exactly one of `course_id` (a course of the key's org) or
 * `page_slug` (a published sales page of the key's org). Nothing else is accepted: no
 * visitor data.
 */
export const StorePageViewSchema = z
  .object({
    course_id: text().min(1, "course_id must not be empty").max(100, "course_id is too long").optional(),
    page_slug: text()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "page_slug must be a slug (lowercase letters, digits and dashes)")
      .max(120, "page_slug is too long")
      .optional(),
  })
  .strict()
  .refine((b) => (b.course_id === undefined) !== (b.page_slug === undefined), {
    message: "give exactly one of course_id or page_slug",
    path: ["course_id"],
  })
export type StorePageView = z.infer<typeof StorePageViewSchema>
