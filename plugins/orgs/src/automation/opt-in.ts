import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { sendEmail } from "../email"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import { deriveOptInKey, OPT_IN_TTL_HOURS, signOptInToken, verifyOptInToken } from "../rules/opt-in-token"

let cachedKey: { secret: string; key: Buffer } | null = null

/** The confirmation-link key, derived from the app's JWT secret with its own label. */
export function optInKey(container: MedusaContainer): Buffer {
  const secret = String(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)?.projectConfig?.http?.jwtSecret ?? "")
  if (!secret) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "projectConfig.http.jwtSecret is not set")
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveOptInKey(secret) }
  return cachedKey.key
}

/**
 * A visitor asks for an org's emails on a lead magnet: a pending opt-in row and a
 * confirmation email with a signed link to the org's storefront (`/email/confirm?token=`).
 * Nothing else happens until the link is followed (double opt-in).
 */
export async function requestMarketingOptIn(
  container: MedusaContainer,
  input: { org_id: string; email: string; course_id: string; course_title: string; now?: Date }
): Promise<void> {
  const automations = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const now = input.now ?? new Date()
  const optIn = await automations.createMarketingOptIns({
    org_id: input.org_id,
    email: input.email.toLowerCase(),
    course_id: input.course_id,
    expires_at: new Date(now.getTime() + OPT_IN_TTL_HOURS * 3600_000),
  })
  const token = signOptInToken(optInKey(container), input.org_id, optIn.id)
  await sendEmail(container, {
    org_id: input.org_id,
    to: optIn.email,
    template: "marketing-opt-in-confirm",
    data: (brand) => ({
      url: `${brand.storefront_url}/email/confirm?token=${encodeURIComponent(token)}`,
      course_title: input.course_title,
      hours: OPT_IN_TTL_HOURS,
    }),
    idempotency_key: `marketing-opt-in:${optIn.id}`,
    resource: { type: "marketing_opt_in", id: optIn.id },
  })
}

/** The opt-in a confirmation token names, for the store's org; a 400 for anything else. */
export function optInFromToken(container: MedusaContainer, token: string, orgId: string): string {
  const parsed = verifyOptInToken(optInKey(container), token)
  if (!parsed || parsed.org_id !== orgId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "This confirmation link is not valid: check that you copied all of it")
  }
  return parsed.opt_in_id
}
