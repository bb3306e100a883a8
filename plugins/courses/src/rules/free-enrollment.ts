import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/**
 * Who may enroll in a course for free, and how (POST /store/courses/:id/free-enrollment).
 * Order (first failing wins):
 * 1. the course has no tier priced 0 in the region's currency -> 400 not_free;
 * 2. a logged-in customer -> enroll them (any free course);
 * 3. anonymous on a course that is not a lead magnet -> 401 auth_required;
 * 4. anonymous without an email -> 400 email_required;
 * 5. an account exists for the email -> 409 log_in (never enroll an account holder on the
 *    strength of an email alone: they log in first);
 * 6. else enroll the email's guest customer (reused, or created by the cart).
 * Whoever already holds the free tier (or a higher one) is answered "already enrolled"
 * with no new order.
 */
export type FreeEnrollmentInput = {
  has_free_variant: boolean
  customer_id: string | null
  lead_magnet: boolean
  email: string | null
  email_has_account: boolean
}

export type FreeEnrollmentDecision =
  | { allowed: true; as: "customer" | "guest" }
  | { allowed: false; status: 400; code: "not_free"; message: string }
  | { allowed: false; status: 401; code: "auth_required"; message: string }
  | { allowed: false; status: 400; code: "email_required"; message: string }
  | { allowed: false; status: 409; code: "log_in"; message: string }

export function decideFreeEnrollment(input: FreeEnrollmentInput): FreeEnrollmentDecision {
  if (!input.has_free_variant) {
    return { allowed: false, status: 400, code: "not_free", message: "This course has no free tier in your region" }
  }
  if (input.customer_id) {
    return { allowed: true, as: "customer" }
  }
  if (!input.lead_magnet) {
    return { allowed: false, status: 401, code: "auth_required", message: "Log in to enroll in this course" }
  }
  if (!input.email) {
    return { allowed: false, status: 400, code: "email_required", message: "email is required to enroll" }
  }
  if (input.email_has_account) {
    return { allowed: false, status: 409, code: "log_in", message: "An account exists for this email: log in to enroll" }
  }
  return { allowed: true, as: "guest" }
}

/** Exactly zero, compared as a BigNumber (never a float); a missing amount is not zero. */
export function isExactlyZero(amount: unknown): boolean {
  if (amount === undefined || amount === null || amount === "") return false
  try {
    // Not checked here: convert throws on what is not a number, a numeric string or a BigNumber.
    return MathBN.eq(MathBN.convert(amount as BigNumberInput), 0)
  } catch {
    return false
  }
}

export type Price = { amount: unknown; currency_code: string | null; price_list_id?: string | null; rules_count?: number | null }

/**
 * The free variant of a course in a currency: among variants with an access plan, the
 * lowest tier whose base price (no price list, no rules) in that currency is exactly 0.
 */
export function pickFreeVariant(
  variants: { id: string; tier: number; prices: Price[] }[],
  currency: string
): { id: string; tier: number } | null {
  const cur = currency.toLowerCase()
  const free = variants
    .filter((v) =>
      v.prices.some(
        (p) =>
          (p.currency_code ?? "").toLowerCase() === cur &&
          !p.price_list_id &&
          !p.rules_count &&
          isExactlyZero(p.amount)
      )
    )
    .sort((a, b) => a.tier - b.tier)
  return free[0] ? { id: free[0].id, tier: free[0].tier } : null
}
