export { loadEmailBrand, platformUrls, type EmailBrand } from "./context"
export { renderEmail, type EmailBody } from "./layout"
export { EMAIL_TEMPLATES, buildEmail, type EmailTemplate } from "./templates"
export { sendEmail, type SendEmailInput } from "./send"
