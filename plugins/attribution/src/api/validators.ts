import { z } from "@medusajs/framework/zod"
import { text } from "@volmify/orgs/validation"

const percentBps = z
  .number({ message: "percent_bps must be a number of basis points" })
  .int("percent_bps must be an integer (basis points: 7000 = 70 %)")
  .min(0, "percent_bps must be at least 0")
  .max(10000, "percent_bps must be at most 10000 (100 %)")
const fixedAmounts = z
  .array(
    z
      .object({
        currency_code: text().regex(/^[a-zA-Z]{3}$/, "fixed_amounts[].currency_code must be a 3-letter currency code"),
        amount: z.union([z.number(), text().regex(/^\d+(\.\d+)?$/, "fixed_amounts[].amount must be a decimal")]),
      })
      .strict()
  )
  .max(50)
const date = (field: string) => z.coerce.date({ message: `${field} must be a date` })
const role = z.enum(["creator", "collaborator", "manager", "reviewer"], { message: "role must be creator, collaborator, manager or reviewer" })
const type = z.enum(["percent", "fixed", "hybrid"], { message: "type must be percent, fixed or hybrid" })

export const AdminCreateAttributionRuleSchema = z
  .object({
    employee_id: text().min(1, "employee_id is required"),
    role,
    type,
    percent_bps: percentBps.optional(),
    fixed_amounts: fixedAmounts.optional(),
    effective_from: date("effective_from").optional(),
    effective_to: date("effective_to").nullable().optional(),
  })
  .strict()
export type AdminCreateAttributionRule = z.infer<typeof AdminCreateAttributionRuleSchema>

export const AdminUpdateAttributionRuleSchema = z
  .object({
    role: role.optional(),
    type: type.optional(),
    percent_bps: percentBps.nullable().optional(),
    fixed_amounts: fixedAmounts.nullable().optional(),
    effective_from: date("effective_from").optional(),
    effective_to: date("effective_to").nullable().optional(),
  })
  .strict()
export type AdminUpdateAttributionRule = z.infer<typeof AdminUpdateAttributionRuleSchema>

const month = (field: string) => text().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${field} must be a month as YYYY-MM`)

export const EarningsQuerySchema = z
  .object({
    org_id: text().optional(),
    employee_id: text().optional(),
    currency_code: text().regex(/^[a-zA-Z]{3}$/, "currency_code must be a 3-letter currency code").optional(),
    from: month("from").optional(),
    to: month("to").optional(),
  })
  .strict()
export type EarningsQuery = z.infer<typeof EarningsQuerySchema>

export const AdminRecordPayoutSchema = z
  .object({
    org_id: text().optional(),
    employee_id: text().min(1, "employee_id is required"),
    currency_code: text().regex(/^[a-zA-Z]{3}$/, "currency_code must be a 3-letter currency code"),
    amount: z.union([
      z.number().positive("amount must be greater than 0"),
      text().regex(/^\d+(\.\d+)?$/, "amount must be a positive decimal"),
    ]),
    reference: text().min(1).max(200).optional(),
    note: text().max(500).optional(),
  })
  .strict()
export type AdminRecordPayout = z.infer<typeof AdminRecordPayoutSchema>

export const ReconciliationQuerySchema = z
  .object({
    org_id: text().optional(),
    month: month("month"),
  })
  .strict()
export type ReconciliationQuery = z.infer<typeof ReconciliationQuerySchema>
