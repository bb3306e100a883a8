import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { chooseLocale, LOCALE_HEADER, orgLocales, type SourceText, translationMap, type Translations } from "../../rules/translations"
import { TRANSLATABLE, type TranslatableType } from "../../modules/course/models/course-translation"
import { adminOutline } from "./admin-courses"
import { courseService } from "./admin-courses"

/** Every translatable text of a course with its default-locale source, in outline order. */
export async function courseSourceTexts(req: MedusaRequest, course: { id: string } & Record<string, unknown>): Promise<SourceText[]> {
  const outline = await adminOutline(req, course.id)
  const out: SourceText[] = TRANSLATABLE.course.map((field) => ({ entity_type: "course", entity_id: course.id, field, source: course[field] as string | null | undefined }))
  const lessonIds = new Set<string>()
  for (const m of outline) {
    out.push({ entity_type: "module", entity_id: m.id, field: "title", source: m.title })
    for (const s of m.sections) {
      out.push({ entity_type: "section", entity_id: s.id, field: "title", source: s.title })
      for (const p of s.lessons) if (p.lesson_id) lessonIds.add(p.lesson_id)
    }
  }
  if (lessonIds.size) {
    const lessons = await courseService(req).listLessons({ id: [...lessonIds] }, { select: ["id", "title", "body"] })
    const byId = new Map(lessons.map((l) => [l.id, l]))
    for (const id of lessonIds) {
      const l = byId.get(id)
      if (l) for (const field of TRANSLATABLE.lesson) out.push({ entity_type: "lesson", entity_id: id, field, source: l[field] })
    }
  }
  return out
}

/** Translations of these entities in a locale. */
export async function readTranslations(req: MedusaRequest, locale: string, entityIds: string[]): Promise<Translations> {
  if (!entityIds.length) return new Map()
  const rows = await courseService(req).listCourseTranslations(
    { locale, entity_id: entityIds },
    { select: ["entity_type", "entity_id", "field", "value"], take: null }
  )
  return translationMap(rows)
}

/** 400 unless the field is translatable on its type; 404 unless the entity is part of the course. */
export function assertTranslatable(
  row: { entity_type: TranslatableType; entity_id: string; field: string },
  members: Set<string>
) {
  if (!(TRANSLATABLE[row.entity_type] as readonly string[]).includes(row.field)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `field "${row.field}" cannot be translated on a ${row.entity_type} (${TRANSLATABLE[row.entity_type].join(", ")})`
    )
  }
  if (!members.has(`${row.entity_type}:${row.entity_id}`)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `${row.entity_type} "${row.entity_id}" is not part of this course`)
  }
}

/**
 * The locale a store request reads (`?locale=` or Medusa's `x-medusa-locale`, else ours), validated against the
 * org's enabled locales (400 naming it otherwise); null for the default (no translation).
 */
export function storeLocale(req: MedusaRequest, org: { branding?: unknown }): string | null {
  // Medusa's own store middleware (applyLocale) moves `?locale=` (and `x-medusa-locale`) to
  // `req.locale` before the route runs; our header is read as well.
  const q = req.query?.locale
  const fromMedusa = (req as MedusaRequest & { locale?: string }).locale
  const asked =
    typeof q === "string" ? q : fromMedusa || ((req.headers[LOCALE_HEADER] as string | undefined) ?? undefined)
  const choice = chooseLocale(asked, orgLocales(org.branding as Record<string, unknown> | null))
  if (!choice.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, choice.message)
  return choice.is_default ? null : choice.locale
}
