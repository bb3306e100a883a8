/**
 * @volmify/orgs renders and sends every email in the org's brand (its `email/` folder).
 * Loaded with require and typed here by hand, as in @volmify/courses: importing the orgs
 * package's TypeScript sources would make this plugin's build type-check them too.
 */
export type EmailBrand = { locale: string; storefront_url: string }

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

/**
 * An amount in major units (a decimal string or BigNumber) in the brand's locale. Intl
 * formats the decimal string exactly (no float arithmetic); `as any`: TypeScript's lib
 * still types format() as number | bigint, though strings are allowed.
 */
export const formatMoney = (brand: EmailBrand, currency: string, amount: unknown) =>
  new Intl.NumberFormat(brand.locale, { style: "currency", currency: currency.toUpperCase() }).format(String(amount ?? 0) as any)
