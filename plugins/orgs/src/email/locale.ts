import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { OrgBranding } from "../types"

/**
 * The language an email goes out in (issue 26): the recipient's own locale when the org
 * enabled it, else the org's default. Where a recipient's locale comes from:
 * - an order: Medusa's `order.locale` (the storefront creates carts with the page's locale);
 * - a customer: `customer.metadata.locale`, written at registration and again by every order
 *   placed with a locale (subscribers/order-placed-customer-locale.ts);
 * - a password reset: the locale of the storefront page that asked (stamped on the event).
 */

/** BCP-47 as the orgs plugin accepts it ("en", "pt-BR", "zh-Hant-TW"). */
export const EMAIL_LOCALE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

export type OrgLocaleList = { default_locale: string; locales: string[] }

/** The org's enabled locales, the default first (kept in `branding`). */
export function orgLocaleList(branding: Pick<OrgBranding, "default_locale" | "locales"> | null | undefined): OrgLocaleList {
  const default_locale = branding?.default_locale || "en"
  const listed = Array.isArray(branding?.locales) ? branding!.locales.filter((l): l is string => typeof l === "string" && l !== "") : []
  return { default_locale, locales: [default_locale, ...listed.filter((l) => l !== default_locale)] }
}

/**
 * The org's locale for a recipient who prefers `asked`: the same tag (any case), else the
 * first enabled locale of the same language ("fr-CA" -> "fr", "pt" -> "pt-BR"), else the
 * default. Anything that is not a language tag counts as nothing asked.
 */
export function recipientLocale(asked: unknown, org: OrgLocaleList): string {
  if (typeof asked !== "string" || asked.length > 35 || !EMAIL_LOCALE_PATTERN.test(asked)) return org.default_locale
  const tag = asked.toLowerCase()
  const exact = org.locales.find((l) => l.toLowerCase() === tag)
  if (exact) return exact
  const language = tag.split("-")[0]
  return org.locales.find((l) => l.toLowerCase().split("-")[0] === language) ?? org.default_locale
}

/** A language tag worth keeping as a preference, else null (junk in metadata is ignored). */
export function cleanLocale(value: unknown): string | null {
  return typeof value === "string" && value.length <= 35 && EMAIL_LOCALE_PATTERN.test(value) ? value : null
}

/** Customers' preferred locales (`metadata.locale`), by id; those without one are left out. */
export async function customerLocales(container: MedusaContainer, customerIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(customerIds.filter((id) => typeof id === "string" && id.startsWith("cus_")))]
  if (!ids.length) return new Map()
  const customers = await container.resolve(Modules.CUSTOMER).listCustomers({ id: ids }, { select: ["id", "metadata"] })
  const out = new Map<string, string>()
  for (const c of customers) {
    const locale = cleanLocale((c.metadata as Record<string, unknown> | null)?.locale)
    if (locale) out.set(c.id, locale)
  }
  return out
}
