/** @volmify/orgs renders and sends every email in the org's brand (its `email/` folder). */
export { sendEmail, type EmailBrand, type SendEmailInput } from "@volmify/orgs/email"
import type { EmailBrand } from "@volmify/orgs/email"
