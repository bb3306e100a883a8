import crypto from "node:crypto"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { sendEmail } from "../email"

type PasswordReset = { entity_id: string; actor_type: string; token: string; metadata?: { org_id?: string; locale?: string } | null }

/** Medusa's reset tokens live 15 minutes (generateResetPasswordTokenWorkflow). */
const TOKEN_MINUTES = 15

/**
 * `auth.password_reset` (Medusa's "Forgot password" for customers and admin users): the
 * link goes by email. Customers get the storefront's reset page of the org whose storefront
 * asked (stamped by the orgs middleware from the publishable key, never from the body);
 * admin users get the dashboard's. One email per token, however often the event arrives.
 */
export default async function passwordResetEmail({ event, container }: SubscriberArgs<PasswordReset>) {
  const { entity_id: email, actor_type, token } = event.data
  if (!email || !token || !["customer", "user"].includes(actor_type)) return
  const orgId = actor_type === "customer" ? event.data.metadata?.org_id ?? null : null
  const q = new URLSearchParams({ token, email }).toString()
  await sendEmail(container, {
    org_id: orgId,
    to: email,
    template: actor_type === "customer" ? "customer-password-reset" : "user-password-reset",
    // The language of the storefront page that asked (stamped by the orgs middleware).
    locale: orgId ? event.data.metadata?.locale ?? null : null,
    data: (brand) => ({
      url: actor_type === "customer" ? `${brand.storefront_url}/account/reset-password?${q}` : `${brand.admin_url}/reset-password?${q}`,
      minutes: TOKEN_MINUTES,
    }),
    idempotency_key: `password-reset:${crypto.createHash("sha256").update(token).digest("hex")}`,
  })
}

export const config: SubscriberConfig = { event: "auth.password_reset" }
