// Locales per org (issue 26): which locale a store request reads, how translated texts
// replace the default ones (field by field, falling back to the default), and which texts
// still miss a translation. Pure but for `localesOfOrg` (one read of the org); the routes
// gather the rows.

import { MedusaError } from "@medusajs/framework/utils"
import { EMAIL_LOCALE_PATTERN, orgLocaleList } from "@volmify/orgs/email"

export type OrgLocales = { default_locale: string; locales: string[] }

/** The header the storefront passes the visitor's locale in (course and page routes read it). */
export const LOCALE_HEADER = "x-volmify-locale"

/** What `localesOfOrg` needs of a request scope or container: the orgs module. */
type OrgScope = { resolve<T>(key: string): T }
type OrgReader = { listOrgs(filters: { id: string }, config: { take: number; select: string[] }): Promise<{ branding?: unknown }[]> }

/** The enabled locales of an org, the default first (its `branding`, kept by @volmify/orgs). */
export async function localesOfOrg(scope: OrgScope, orgId: string): Promise<OrgLocales> {
  const [org] = await scope.resolve<OrgReader>("org").listOrgs({ id: orgId }, { take: 1, select: ["id", "branding"] })
  return orgLocales(org?.branding as Record<string, unknown> | null)
}

/**
 * A locale the org enabled and that is not its default, for writing translations (400 naming
 * it otherwise): the default's texts live on the entity itself, `what` ("course", "page").
 */
export function translatableLocale(asked: string, locales: OrgLocales, what: string): string {
  const choice = chooseLocale(asked, locales)
  if (!choice.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, choice.message)
  if (choice.is_default) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `locale "${choice.locale}" is the school's default: edit the ${what} itself`)
  }
  return choice.locale
}

/** BCP-47 as the orgs plugin accepts it ("en", "pt-BR", "zh-Hant-TW"): @volmify/orgs owns the rule. */
export const LOCALE_PATTERN = EMAIL_LOCALE_PATTERN

/** The org's enabled locales, the default first (the orgs plugin keeps them in `branding`; its reader). */
export function orgLocales(branding: Record<string, unknown> | null | undefined): OrgLocales {
  return orgLocaleList(branding as Parameters<typeof orgLocaleList>[0])
}

export type LocaleChoice = { ok: true; locale: string; is_default: boolean } | { ok: false; message: string }

/**
 * The locale a request asked for (`?locale=` wins over the `x-volmify-locale` header),
 * matched case-insensitively against the org's enabled ones; none asked: the default.
 */
export function chooseLocale(requested: string | null | undefined, org: OrgLocales): LocaleChoice {
  const asked = requested?.trim()
  if (!asked) return { ok: true, locale: org.default_locale, is_default: true }
  if (!LOCALE_PATTERN.test(asked) || asked.length > 35) {
    return { ok: false, message: `locale must be a language tag such as en or pt-BR` }
  }
  const match = org.locales.find((l) => l.toLowerCase() === asked.toLowerCase())
  if (!match) {
    return { ok: false, message: `locale "${asked}" is not enabled for this school (enabled: ${org.locales.join(", ")})` }
  }
  return { ok: true, locale: match, is_default: match === org.default_locale }
}

export type TranslationRow = { entity_type: string; entity_id: string; field: string; value: string }
export type Translations = Map<string, string>

const key = (type: string, id: string, field: string) => `${type}:${id}:${field}`

export const translationMap = (rows: TranslationRow[]): Translations =>
  new Map(rows.filter((r) => r.value.trim() !== "").map((r) => [key(r.entity_type, r.entity_id, r.field), r.value]))

/** The entity with each translated field replaced; fields without a translation keep the default. */
export function translated<T extends Record<string, unknown>>(entity: T, type: string, id: string, fields: readonly string[], t: Translations): T {
  let out: T | null = null
  for (const field of fields) {
    const value = t.get(key(type, id, field))
    if (value !== undefined && field in entity) (out ??= { ...entity })[field as keyof T] = value as T[keyof T]
  }
  return out ?? entity
}

type OutlineLike = {
  id: string
  title: string
  sections: { id: string; title: string; lessons: { id: string; title: string }[] }[]
}[]

/**
 * A store outline's titles in the locale: modules and sections by their id, lessons (keyed
 * by placement id in the outline) by their library lesson's id.
 */
export function translateOutline<M extends OutlineLike>(modules: M, t: Translations, lessonIdOf: (placementId: string) => string | undefined): M {
  return modules.map((m) => ({
    ...translated(m, "module", m.id, ["title"], t),
    sections: m.sections.map((s) => ({
      ...translated(s, "section", s.id, ["title"], t),
      lessons: s.lessons.map((l) => {
        const lessonId = lessonIdOf(l.id)
        return lessonId ? translated(l, "lesson", lessonId, ["title"], t) : l
      }),
    })),
  })) as M
}

export type SourceText = { entity_type: string; entity_id: string; field: string; source: string | null | undefined }
export type MissingTranslation = { entity_type: string; entity_id: string; field: string; source: string }

/** Texts with content in the default locale and no translation in `t` (empty defaults need none). */
export function missingTranslations(sources: SourceText[], t: Translations): MissingTranslation[] {
  return sources
    .filter((s) => typeof s.source === "string" && s.source.trim() !== "" && !t.has(key(s.entity_type, s.entity_id, s.field)))
    .map((s) => ({ entity_type: s.entity_type, entity_id: s.entity_id, field: s.field, source: s.source as string }))
}
