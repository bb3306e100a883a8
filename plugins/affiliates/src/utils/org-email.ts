/** @volmify/orgs renders and sends every email in the org's brand (its `email/` folder). */
export { sendEmail, type EmailBrand, type SendEmailInput } from "@volmify/orgs/email"
import type { EmailBrand } from "@volmify/orgs/email"

/**
 * An amount in major units (a decimal string or BigNumber) in the brand's locale. Intl
 * formats the decimal string exactly (no float arithmetic); `as any`: TypeScript's lib
 * still types format() as number | bigint, though strings are allowed.
 */
export const formatMoney = (brand: EmailBrand, currency: string, amount: unknown) =>
  new Intl.NumberFormat(brand.locale, { style: "currency", currency: currency.toUpperCase() }).format(String(amount ?? 0) as any)
