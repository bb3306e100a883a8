import type { MedusaContainer } from "@medusajs/framework/types"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import type { OrgBranding } from "../types"
import { orgLocaleList, recipientLocale, type OrgLocaleList } from "./locale"

/** What an email needs to look like its org and link back to the right place. */
export type EmailBrand = {
  org_id: string | null
  org_name: string
  logo_url: string | null
  primary_color: string | null
  /** The language of this email: the recipient's when the org enabled it, else the org's default. */
  locale: string
  /** The org's enabled locales, the default first. */
  locales: OrgLocaleList
  /** Reply-To: the org's support address. */
  reply_to: string | null
  /** Display name in From (the address itself comes from MAIL_FROM). */
  from_name: string
  /**
   * The org's storefront in the email's language: its primary verified domain (else
   * STOREFRONT_URL), with the `/<locale>` prefix when that is not the default.
   */
  storefront_url: string
  /** The storefront's origin without a locale prefix. */
  storefront_origin: string
  /** The admin dashboard (staff emails). */
  admin_url: string
  /** The Medusa server as browsers reach it (e.g. /org-invite links). */
  backend_url: string
}

const trimSlash = (url: string) => url.replace(/\/+$/, "")

export function platformUrls(env: NodeJS.ProcessEnv = process.env) {
  const backend = trimSlash(env.MEDUSA_BACKEND_URL || `http://localhost:${env.PORT || 9000}`)
  return {
    storefront: trimSlash(env.STOREFRONT_URL || "http://localhost:8000"),
    admin: `${backend}/app`,
    backend,
  }
}

/**
 * The brand of an org's emails (or the platform's, for `null`): name, logo, colour,
 * locale, support address, and the storefront the links go to. Only a verified domain is
 * used for links (an unverified claim could be anyone's).
 */
export async function loadEmailBrand(container: MedusaContainer, orgId: string | null, locale?: string | null): Promise<EmailBrand> {
  const urls = platformUrls()
  const platform: EmailBrand = {
    org_id: null,
    org_name: process.env.PLATFORM_NAME || "Volmify",
    logo_url: null,
    primary_color: null,
    locale: "en",
    locales: { default_locale: "en", locales: ["en"] },
    reply_to: null,
    from_name: process.env.PLATFORM_NAME || "Volmify",
    storefront_url: urls.storefront,
    storefront_origin: urls.storefront,
    admin_url: urls.admin,
    backend_url: urls.backend,
  }
  if (!orgId) return platform
  const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
  const [org] = await orgs.listOrgs({ id: orgId }, { select: ["id", "name", "support_email", "branding"] })
  if (!org) return platform
  const domains = await orgs.listOrgDomains({ org_id: orgId, verified_at: { $ne: null } }, { select: ["hostname", "is_primary", "created_at"] })
  const domain = domains.find((d) => d.is_primary) ?? domains.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))[0]
  const branding = (org.branding ?? {}) as OrgBranding
  const locales = orgLocaleList(branding)
  const origin = domain ? `https://${domain.hostname}` : urls.storefront
  const brand: EmailBrand = {
    ...platform,
    org_id: org.id,
    org_name: org.name,
    logo_url: branding.logo_url ?? null,
    primary_color: branding.primary_color ?? null,
    locale: locales.default_locale,
    locales,
    reply_to: org.support_email ?? null,
    from_name: org.name,
    storefront_url: origin,
    storefront_origin: origin,
  }
  return inLocale(brand, locale)
}

/**
 * The brand of an email to a recipient who prefers `asked` (see email/locale.ts): the org's
 * matching locale, and its storefront links under `/<locale>` unless that is the default.
 */
export function inLocale(brand: EmailBrand, asked: string | null | undefined): EmailBrand {
  const locale = recipientLocale(asked, brand.locales)
  const storefront_url = locale === brand.locales.default_locale ? brand.storefront_origin : `${brand.storefront_origin}/${locale}`
  return locale === brand.locale && storefront_url === brand.storefront_url ? brand : { ...brand, locale, storefront_url }
}
