import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { loadEmailBrand, type EmailBrand } from "./context"
import { customerLocales } from "./locale"
import { renderEmail } from "./layout"
import { buildEmail, type EmailTemplate } from "./templates"

export type SendEmailInput = {
  /** The org whose brand and storefront the email carries; null for the platform's. */
  org_id: string | null
  to: string
  template: EmailTemplate
  /** The template's data, or a function of the org's brand (for links to its storefront). */
  data: Record<string, unknown> | ((brand: EmailBrand) => Record<string, unknown>)
  /**
   * One email per key, ever: a duplicate event (or a retry after success) sends nothing.
   * Built from what makes the message unique (e.g. the reset token's id).
   */
  idempotency_key: string
  /** Not shown to the recipient: ids that say what the email is about (admin feed, logs). */
  resource?: { type: string; id: string }
  /** The recipient's id (customer or user), kept on the notification record. */
  receiver_id?: string
  /**
   * The recipient's language when the sender knows it (an order's `locale`, the page that
   * asked for a reset). Without it, a customer recipient's (`receiver_id` "cus_...")
   * `metadata.locale`. Either way only a locale the org enabled is used; else its default.
   */
  locale?: string | null
  /**
   * What the notification record keeps besides the org (never secrets: the rendered
   * email, which may hold a one-time link, is not stored).
   */
  record?: Record<string, unknown>
}

const isUniqueViolation = (error: unknown) => {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown }
  return e.code === "23505" || /duplicate key|unique constraint|already exists/i.test(String(e.message ?? ""))
}

/**
 * Renders an email in the org's brand (react-email: HTML and plain text) and hands it to
 * Medusa's notification module on the `email` channel (SMTP, SendGrid or the logging
 * provider, see medusa-config.ts). Sent at most once per idempotency key: the module skips
 * a key it has sent, and a concurrent duplicate loses on the key's unique index.
 * Returns whether this call sent it.
 */
export async function sendEmail(container: MedusaContainer, input: SendEmailInput): Promise<boolean> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const asked = input.locale ?? (input.org_id && input.receiver_id ? (await customerLocales(container, [input.receiver_id])).get(input.receiver_id) : null)
  const brand = await loadEmailBrand(container, input.org_id, asked)
  const data = typeof input.data === "function" ? input.data(brand) : input.data
  const content = await renderEmail(brand, buildEmail(input.template, brand, data))
  const notifications = container.resolve(Modules.NOTIFICATION)
  try {
    const [sent] = (await notifications.createNotifications([
      {
        to: input.to,
        channel: "email",
        template: input.template,
        data: { org_id: input.org_id, locale: brand.locale, ...(input.record ?? {}) },
        receiver_id: input.receiver_id,
        content,
        provider_data: { from_name: brand.from_name, reply_to: brand.reply_to },
        idempotency_key: input.idempotency_key,
        resource_type: input.resource?.type,
        resource_id: input.resource?.id,
      },
    ]))
    if (!sent) return false
    logger.info(`Email "${input.template}" (${input.org_id ?? "platform"}) sent to ${input.to} through the "${sent.provider_id}" provider`)
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}
