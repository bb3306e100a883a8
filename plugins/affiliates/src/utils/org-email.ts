/** @volmify/orgs renders and sends every email in the org's brand (its `email/` folder). */
export { sendEmail, type EmailBrand, type SendEmailInput } from "@volmify/orgs/email"
import type { EmailBrand } from "@volmify/orgs/email"

declare global {
  namespace Intl {
    interface NumberFormat {
      /** A decimal string, formatted exactly (ES2023 Intl; the ES2021 lib this plugin compiles with types numbers only). */
      format(value: string): string
    }
  }
}

/**
 * An amount in major units (a decimal string or BigNumber) in the brand's locale. Intl
 * formats the decimal string exactly (no float arithmetic).
 */
export const formatMoney = (brand: EmailBrand, currency: string, amount: unknown) =>
  new Intl.NumberFormat(brand.locale, { style: "currency", currency: currency.toUpperCase() }).format(String(amount ?? 0))
