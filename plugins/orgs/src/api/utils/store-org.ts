import { MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

export const STORE_ORG_FIELDS = ["id", "handle", "name", "status", "support_email", "branding", "settings"] as const

type WithOrg = MedusaStoreRequest & { volmifyOrg?: Awaited<ReturnType<typeof loadStoreOrg>> }

function loadStoreOrg(req: MedusaStoreRequest) {
  return req.scope
    .resolve<OrgModuleService>(ORG_MODULE)
    .retrieveOrgBySalesChannel(req.publishable_key_context?.sales_channel_ids ?? [], [...STORE_ORG_FIELDS])
}

/**
 * The org of a store request (cached on the request): the org owning the publishable
 * key's sales channel, or null for a key whose channel has no org.
 */
export async function findStoreOrg(req: MedusaStoreRequest) {
  const withOrg = req as WithOrg
  if (withOrg.volmifyOrg === undefined) {
    withOrg.volmifyOrg = await loadStoreOrg(req)
  }
  return withOrg.volmifyOrg
}

/** Like findStoreOrg, but a key without org is a 404 and a suspended org a 403. */
export async function resolveStoreOrg(req: MedusaStoreRequest) {
  const org = await findStoreOrg(req)
  if (!org) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "No org is attached to this publishable API key's sales channel"
    )
  }
  if (org.status !== "active") {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, `The org "${org.handle}" is suspended`)
  }
  return org
}

/** The public face of an org, as the store contract gives it. */
export function presentStoreOrg(org: NonNullable<Awaited<ReturnType<typeof loadStoreOrg>>>) {
  const branding = (org.branding ?? {}) as Record<string, unknown>
  const defaultLocale = (branding.default_locale as string) ?? "en"
  const locales = (branding.locales as string[] | undefined) ?? [defaultLocale]
  return {
    id: org.id,
    handle: org.handle,
    name: org.name,
    support_email: org.support_email ?? null,
    branding: {
      logo_url: branding.logo_url ?? null,
      primary_color: branding.primary_color ?? null,
      accent_color: branding.accent_color ?? null,
      font: branding.font ?? "system",
      default_locale: defaultLocale,
    },
    locales: locales.includes(defaultLocale) ? locales : [defaultLocale, ...locales],
    default_currency_code: ((org.settings ?? {}) as Record<string, unknown>).default_currency_code ?? null,
  }
}
