import type { MedusaContainer } from "@medusajs/framework/types"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"
import type { OrgBranding } from "../types"

/** What an email needs to look like its org and link back to the right place. */
export type EmailBrand = {
  org_id: string | null
  org_name: string
  logo_url: string | null
  primary_color: string | null
  locale: string
  /** Reply-To: the org's support address. */
  reply_to: string | null
  /** Display name in From (the address itself comes from MAIL_FROM). */
  from_name: string
  /** The org's storefront: its primary verified domain, else STOREFRONT_URL. */
  storefront_url: string
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
export async function loadEmailBrand(container: MedusaContainer, orgId: string | null): Promise<EmailBrand> {
  const urls = platformUrls()
  const platform: EmailBrand = {
    org_id: null,
    org_name: process.env.PLATFORM_NAME || "Volmify",
    logo_url: null,
    primary_color: null,
    locale: "en",
    reply_to: null,
    from_name: process.env.PLATFORM_NAME || "Volmify",
    storefront_url: urls.storefront,
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
  return {
    ...platform,
    org_id: org.id,
    org_name: org.name,
    logo_url: branding.logo_url ?? null,
    primary_color: branding.primary_color ?? null,
    locale: branding.default_locale || "en",
    reply_to: org.support_email ?? null,
    from_name: org.name,
    storefront_url: domain ? `https://${domain.hostname}` : urls.storefront,
  }
}
