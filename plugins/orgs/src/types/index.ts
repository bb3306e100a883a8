export type { EmployeeRole } from "../rules/roles"
export type MemberType = "learner" | "customer" | "community"

/** How an org's storefront looks. Every field optional; the storefront has defaults. */
export type OrgBranding = {
  logo_url?: string | null
  primary_color?: string | null
  accent_color?: string | null
  font?: string | null
  default_locale?: string | null
  locales?: string[] | null
}

/**
 * Money settings read by @volmify/attribution. Rates in basis points (1 % = 100),
 * fixed parts in minor units of `default_currency_code`.
 */
export type OrgSettings = {
  platform_fee_bps?: number
  platform_fee_fixed?: number
  processing_fee_bps?: number
  processing_fee_fixed?: number
  fee_base?: "gross" | "net_of_tax"
  /**
   * Who bears the processing fee the provider keeps when an order is refunded (Stripe
   * returns none): the org (default) or the platform.
   */
  refund_fee_bearer?: "org" | "platform"
  default_currency_code?: string | null
}
