/**
 * @volmify/orgs renders and sends every email in the org's brand (its `email/` folder).
 * Loaded with require and typed here by hand, once for this plugin: importing the orgs
 * package's TypeScript sources would make this plugin's build type-check them too.
 */
export type EmailBrand = { locale: string; storefront_url: string; admin_url: string }

export type SendEmailInput = {
  org_id: string
  to: string
  template: string
  data: (brand: EmailBrand) => Record<string, unknown>
  idempotency_key: string
  receiver_id?: string
  resource?: { type: string; id: string }
  record?: Record<string, unknown>
}

export const { sendEmail } = require("@volmify/orgs/email") as {
  sendEmail(container: unknown, input: SendEmailInput): Promise<boolean>
}
