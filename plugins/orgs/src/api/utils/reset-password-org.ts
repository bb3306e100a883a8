import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"
import { cleanLocale } from "../../email/locale"

/** The storefront's header with the visitor's locale (also read by courses' store routes). */
const LOCALE_HEADER = "x-volmify-locale"

/**
 * POST /auth/customer/emailpass/reset-password: the reset email is branded by, and links
 * to, the org whose storefront asked. The org comes from the request's publishable key
 * (`x-publishable-api-key`); whatever `metadata` the body carried is replaced, so nobody
 * can have a reset link sent in another org's name or to another storefront. The page's
 * locale (header) rides along for the email's language.
 */
export async function stampResetPasswordOrg(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const key = req.get("x-publishable-api-key")
  let orgId: string | null = null
  if (key) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [apiKey] } = await query.graph({
      entity: "api_key",
      fields: ["id", "revoked_at", "sales_channels.id"],
      filters: { token: key, type: "publishable" },
    })
    const channels = apiKey && !apiKey.revoked_at ? (apiKey.sales_channels ?? []).map((c: { id: string }) => c.id) : []
    const org = channels.length ? await req.scope.resolve<OrgModuleService>(ORG_MODULE).retrieveOrgBySalesChannel(channels, ["id"]) : null
    orgId = org?.id ?? null
  }
  // The language of the storefront page that asked (its `x-volmify-locale`), for the email;
  // only a language tag is kept, and the email uses it only when the org enabled it.
  const locale = cleanLocale(req.get(LOCALE_HEADER))
  const metadata = orgId ? { org_id: orgId, ...(locale ? { locale } : {}) } : {}
  // Medusa's reset route reads `validatedBody.metadata`; whichever runs first (its body
  // validator or this), both carry the stamped org. Typed loosely: the route's body type is core's.
  if (req.body && typeof req.body === "object") (req.body as Record<string, unknown>).metadata = metadata
  if (req.validatedBody && typeof req.validatedBody === "object") (req.validatedBody as Record<string, unknown>).metadata = metadata
  next()
}
