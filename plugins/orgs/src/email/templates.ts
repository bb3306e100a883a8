import type { EmailBrand } from "./context"
import type { EmailBody } from "./layout"

/**
 * The email templates, one function per message, with their words per locale. A locale
 * without a translation falls back to English.
 */
type Words = Record<string, (brand: EmailBrand, data: any) => EmailBody>

const pick = (words: Words, locale: string) => words[locale.split("-")[0].toLowerCase()] ?? words.en

const passwordReset: Words = {
  en: (brand, d: { url: string; minutes: number }) => ({
    subject: `Reset your ${brand.org_name} password`,
    preview: `A link to choose a new password for ${brand.org_name}`,
    heading: "Reset your password",
    paragraphs: [
      `Someone asked to reset the password of your ${brand.org_name} account. If it was you, choose a new password with the button below.`,
      "If it was not you, ignore this email: your password stays as it is.",
    ],
    action: { label: "Choose a new password", url: d.url },
    note: `The link works once and expires in ${d.minutes} minutes.`,
  }),
  es: (brand, d: { url: string; minutes: number }) => ({
    subject: `Restablece tu contraseña de ${brand.org_name}`,
    preview: `Un enlace para elegir una nueva contraseña de ${brand.org_name}`,
    heading: "Restablece tu contraseña",
    paragraphs: [
      `Alguien pidió restablecer la contraseña de tu cuenta de ${brand.org_name}. Si fuiste tú, elige una nueva contraseña con el botón.`,
      "Si no fuiste tú, ignora este correo: tu contraseña no cambia.",
    ],
    action: { label: "Elegir una nueva contraseña", url: d.url },
    note: `El enlace funciona una vez y caduca en ${d.minutes} minutos.`,
  }),
}

const staffPasswordReset: Words = {
  en: (brand, d: { url: string; minutes: number }) => ({
    subject: `Reset your ${brand.org_name} admin password`,
    preview: "A link to choose a new admin password",
    heading: "Reset your admin password",
    paragraphs: [
      "Someone asked to reset the password you use to sign in to the admin. If it was you, choose a new password with the button below.",
      "If it was not you, ignore this email and tell your org's owner.",
    ],
    action: { label: "Choose a new password", url: d.url },
    note: `The link works once and expires in ${d.minutes} minutes.`,
  }),
}

export const EMAIL_TEMPLATES = {
  "customer-password-reset": passwordReset,
  "user-password-reset": staffPasswordReset,
} as const

export type EmailTemplate = keyof typeof EMAIL_TEMPLATES

export function buildEmail(template: EmailTemplate, brand: EmailBrand, data: unknown): EmailBody {
  return pick(EMAIL_TEMPLATES[template], brand.locale)(brand, data)
}
