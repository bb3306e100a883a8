import { createHmac, timingSafeEqual } from "node:crypto"
import { MERGE_FIELDS } from "./automation-fields"

/**
 * Email automations: the steps of a sequence, what a run does next, merge fields and the
 * signed unsubscribe token. Pure functions (unit-tested); the workflow applies them.
 */

export type WaitStep = { type: "wait"; days?: number; hours?: number }
/** An email's words in one locale. */
export type EmailText = { subject: string; body: string }
/**
 * An email step: its subject and body in the org's default locale, and optionally in other
 * locales the org enabled (`translations.es`, ...). A recipient whose locale has none gets
 * the default text (issue 26).
 */
export type EmailStep = { type: "email"; subject: string; body: string; translations?: Record<string, EmailText> }
export type AutomationStep = WaitStep | EmailStep

export const MAX_STEPS = 30
export const MAX_WAIT_HOURS = 24 * 365

/** Merge fields an email may use: `{{first_name}}` etc. Anything else is refused when saved. */
export { MERGE_FIELDS }
export type MergeField = (typeof MERGE_FIELDS)[number]
export type MergeValues = Partial<Record<MergeField, string | null | undefined>>

const FIELD = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g

export function waitMs(step: WaitStep): number {
  return ((step.days ?? 0) * 24 + (step.hours ?? 0)) * 3600_000
}

/** Problems with a sequence's steps, in words staff can act on (empty when valid). */
export function stepProblems(steps: AutomationStep[]): string[] {
  const problems: string[] = []
  if (!steps.some((s) => s.type === "email")) problems.push("A sequence needs at least one email step")
  if (steps.length > MAX_STEPS) problems.push(`A sequence has at most ${MAX_STEPS} steps`)
  steps.forEach((step, i) => {
    const n = i + 1
    if (step.type === "wait") {
      const hours = (step.days ?? 0) * 24 + (step.hours ?? 0)
      if (!(hours > 0)) problems.push(`Step ${n} (wait) must wait at least one hour`)
      if (hours > MAX_WAIT_HOURS) problems.push(`Step ${n} (wait) waits more than a year`)
    } else {
      const texts: [string, string][] = [["", step.subject], ["", step.body]]
      for (const [locale, t] of Object.entries(step.translations ?? {})) texts.push([locale, t.subject], [locale, t.body])
      for (const [locale, part] of texts) {
        for (const m of part.matchAll(FIELD)) {
          if (!(MERGE_FIELDS as readonly string[]).includes(m[1])) {
            const where = locale ? `Step ${n} (email, ${locale})` : `Step ${n} (email)`
            problems.push(`${where} uses an unknown merge field {{${m[1]}}}; use one of ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ")}`)
          }
        }
      }
    }
  })
  return problems
}

/**
 * Replaces merge fields with values as plain text. The result is only ever placed in React
 * text nodes (and a plain-text subject), so a value like `<b>` shows as written and cannot
 * add markup or links to the email. Missing values become "" (first_name: "there").
 */
export function applyMergeFields(template: string, values: MergeValues): string {
  return template.replace(FIELD, (_all, name: string) => mergeValue(name, values))
}

/** One merge field's text: missing values become "" (first_name: "there"), line breaks a space. */
export function mergeValue(name: string, values: MergeValues): string {
  const value = values[name as MergeField]
  if (value == null || value === "") return name === "first_name" ? "there" : ""
  // Header injection: a subject never carries a line break.
  return String(value).replace(/[\r\n]+/g, " ")
}

/**
 * Rendering an email once per step and filling each recipient in afterwards: the template
 * is rendered with a token per merge field (upper-case letters only, which rendering leaves as they
 * are), then `fillTokens` puts each recipient's values in, HTML-escaped in the HTML part.
 */
export const mergeToken = (name: string) => `VMFTOKEN${name.toUpperCase().replace(/_/g, "X")}VMF`
export const MERGE_TOKEN_VALUES = Object.fromEntries(MERGE_FIELDS.map((f) => [f, mergeToken(f)])) as MergeValues
export const UNSUBSCRIBE_TOKEN = "VMFTOKENUNSUBSCRIBEVMF"

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!)

export function fillTokens(rendered: string, values: MergeValues, unsubscribeUrl: string, html: boolean): string {
  const esc = html ? escapeHtml : (s: string) => s
  let out = rendered.split(UNSUBSCRIBE_TOKEN).join(esc(unsubscribeUrl))
  for (const f of MERGE_FIELDS) out = out.split(mergeToken(f)).join(esc(mergeValue(f, values)))
  return out
}

/** Paragraphs of an email body written in the admin (blank lines separate them). */
export function bodyParagraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, " ").trim())
    .filter(Boolean)
}

/** The step's words in `locale` (its translation when it has one, else the default text). */
export function emailInLocale(step: EmailStep, locale: string): EmailText {
  const t = step.translations?.[locale]
  return t ? { subject: t.subject, body: t.body } : { subject: step.subject, body: step.body }
}

/**
 * Per locale the org enabled besides its default: which email steps (1-based, as the admin
 * numbers them) have no translation in it. What the admin shows as missing.
 */
export function missingEmailTranslations(steps: AutomationStep[], locales: string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {}
  for (const locale of locales) {
    out[locale] = steps.flatMap((s, i) => (s.type === "email" && !s.translations?.[locale] ? [i + 1] : []))
  }
  return out
}

/**
 * Translations in locales the org has not enabled (or in its default, whose words are the
 * step's own): a problem per step and locale, naming both.
 */
export function translationLocaleProblems(steps: AutomationStep[], org: { default_locale: string; locales: string[] }): string[] {
  const problems: string[] = []
  steps.forEach((step, i) => {
    if (step.type !== "email") return
    for (const locale of Object.keys(step.translations ?? {})) {
      if (locale === org.default_locale) {
        problems.push(`Step ${i + 1} (email): "${locale}" is the school's default locale; its words are the step's subject and body`)
      } else if (!org.locales.includes(locale)) {
        problems.push(`Step ${i + 1} (email): locale "${locale}" is not enabled for this school (enabled: ${org.locales.join(", ")})`)
      }
    }
  })
  return problems
}

export type RunAction =
  | { kind: "send"; step: number; email: EmailStep }
  | { kind: "wait"; next_step: number; due_at: Date }
  | { kind: "complete" }

/**
 * What a due run does from step `from` at `now`: the emails to send, in order, up to the
 * next wait (which sets when the run is due again) or the end.
 */
export function planRun(steps: AutomationStep[], from: number, now: Date): RunAction[] {
  const actions: RunAction[] = []
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]
    if (step.type === "wait") {
      actions.push({ kind: "wait", next_step: i + 1, due_at: new Date(now.getTime() + waitMs(step)) })
      return actions
    }
    actions.push({ kind: "send", step: i, email: step })
  }
  actions.push({ kind: "complete" })
  return actions
}

// ---- Unsubscribe tokens: `v1.<org_id>.<base64url email>.<HMAC>`, no expiry (an old email's link must still work). ----

export function deriveUnsubscribeKey(jwtSecret: string): Buffer {
  return createHmac("sha256", jwtSecret).update("volmify:email-unsubscribe:v1").digest()
}

const unsubscribeMac = (key: Buffer, orgId: string, email: string) =>
  createHmac("sha256", key).update(`${orgId}\n${email.toLowerCase()}`).digest("base64url")

export function signUnsubscribeToken(key: Buffer, orgId: string, email: string): string {
  return `v1.${orgId}.${Buffer.from(email.toLowerCase()).toString("base64url")}.${unsubscribeMac(key, orgId, email)}`
}

/** The org and address a token stands for, or null (malformed or altered). */
export function verifyUnsubscribeToken(key: Buffer, token: unknown): { org_id: string; email: string } | null {
  if (typeof token !== "string" || token.length > 600) return null
  const m = /^v1\.([A-Za-z0-9_]{1,100})\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!m) return null
  const [, orgId, emailPart, signature] = m
  const email = Buffer.from(emailPart, "base64url").toString("utf8")
  const expected = Buffer.from(unsubscribeMac(key, orgId, email))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { org_id: orgId, email }
}

/** An SMTP answer that says the address will never take mail (nodemailer's message for a 5xx on RCPT TO): a bounce. */
export function isPermanentRejection(message: string): boolean {
  return /recipients were rejected|\b55[0-4]\b|\b5\.1\.\d\b/i.test(message)
}
