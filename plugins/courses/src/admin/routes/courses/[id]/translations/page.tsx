import { Badge, Button, Container, Heading, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { errorText, MissingTranslation, TranslatableText, useCourse, useCourseTranslations, useMissingTranslations } from "../../../../lib/api"
import { sdk } from "../../../../lib/sdk"

const KIND: Record<TranslatableText["entity_type"], string> = { course: "Course", module: "Module", section: "Section", lesson: "Lesson" }
const textKey = (t: TranslatableText) => `${t.entity_type}:${t.entity_id}:${t.field}`
const label = (t: TranslatableText) => `${KIND[t.entity_type]} · ${t.field}`
/** Long texts (descriptions, lesson bodies) get a tall box; titles a short one. */
const rowsFor = (field: string) => (field === "body" || field === "description" ? 6 : 2)

type Row = TranslatableText & { source?: string; saved: string | null }

function TextRow({ row, value, onChange, locale }: { row: Row; value: string; onChange: (v: string) => void; locale: string }) {
  const id = `tr-${textKey(row)}`
  return (
    <li className="grid gap-2 px-6 py-3 md:grid-cols-2" data-testid="translation-row" data-missing={row.saved === null ? "true" : "false"}>
      <div className="min-w-0">
        <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">{label(row)}</Text>
        {row.source !== undefined ? (
          <Text size="small" className="line-clamp-4 whitespace-pre-wrap break-words">{row.source}</Text>
        ) : (
          <Text size="xsmall" className="text-ui-fg-muted">translated</Text>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor={id} className="sr-only">{`${label(row)} in ${locale}`}</Label>
        <Textarea id={id} rows={rowsFor(row.field)} value={value} onChange={(e) => onChange(e.target.value)} placeholder={row.saved === null ? `Translation in ${locale}` : "Empty removes the translation"} />
      </div>
    </li>
  )
}

/**
 * A course's translations (issue 26): per enabled locale, the texts still missing a
 * translation (the storefront shows the default locale's text for them) and the ones
 * translated, each editable; Save sends the changed ones in one request.
 */
const CourseTranslationsPage = () => {
  const { id = "" } = useParams()
  const client = useQueryClient()
  const course = useCourse(id)
  const overview = useCourseTranslations(id)
  const others = useMemo(() => (overview.data ? overview.data.locales.filter((l) => l !== overview.data.default_locale) : []), [overview.data])
  const [locale, setLocale] = useState<string | null>(null)
  useEffect(() => {
    if (!locale && others.length) setLocale(others[0])
  }, [others, locale])
  const missing = useMissingTranslations(id, locale)
  const counts = useQueries({
    queries: others.map((l) => ({
      queryKey: ["volmify", "course-translations", id, "missing", l],
      queryFn: () => sdk.client.fetch<{ count: number; total: number }>(`/admin/courses/${id}/translations/missing`, { query: { locale: l } }),
    })),
  })
  const [draft, setDraft] = useState<Record<string, string>>({})
  useEffect(() => setDraft({}), [locale])

  const rows: Row[] = useMemo(() => {
    const translated = (overview.data?.translations ?? []).filter((t) => t.locale === locale)
    return [
      ...(missing.data?.missing ?? []).map((m: MissingTranslation) => ({ ...m, saved: null })),
      ...translated.map((t) => ({ entity_type: t.entity_type, entity_id: t.entity_id, field: t.field, saved: t.value })),
    ]
  }, [overview.data, missing.data, locale])
  const changes = rows
    .filter((r) => textKey(r) in draft && draft[textKey(r)].trim() !== (r.saved ?? ""))
    .filter((r) => r.saved !== null || draft[textKey(r)].trim() !== "")
    .map((r) => ({ entity_type: r.entity_type, entity_id: r.entity_id, field: r.field, value: draft[textKey(r)].trim() || null }))

  const save = useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/courses/${id}/translations`, { method: "POST", body: { locale, translations: changes } }),
    onSuccess: async () => {
      toast.success(`${changes.length} ${changes.length === 1 ? "text" : "texts"} saved in ${locale}`)
      setDraft({})
      await client.invalidateQueries({ queryKey: ["volmify", "course-translations", id] })
    },
    onError: (e) => toast.error(errorText(e, "The translations were not saved")),
  })

  const orgLink = course.data ? `/orgs/${course.data.course.org_id}` : "/orgs"
  const missingRows = rows.filter((r) => r.saved === null)
  const translatedRows = rows.filter((r) => r.saved !== null)
  const rowList = (list: Row[], heading: string) =>
    list.length ? (
      <section aria-label={heading}>
        <Text size="small" weight="plus" className="px-6 pt-4">{heading}</Text>
        <ul className="divide-y">
          {list.map((r) => (
            <TextRow key={textKey(r)} row={r} locale={locale ?? ""} value={draft[textKey(r)] ?? r.saved ?? ""} onChange={(v) => setDraft({ ...draft, [textKey(r)]: v })} />
          ))}
        </ul>
      </section>
    ) : null

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col gap-3 px-6 py-4">
        <Link className="txt-compact-small text-ui-fg-interactive" to={`/courses/${id}`}>← Course builder</Link>
        <Heading level="h1" className="break-words">Translations{course.data ? ` of ${course.data.course.title}` : ""}</Heading>
        {overview.data && (
          <Text size="small" className="text-ui-fg-subtle">
            Texts without a translation are shown in the school's default locale ({overview.data.default_locale}).
          </Text>
        )}
        {others.length > 0 && (
          <div className="flex flex-wrap gap-2" role="tablist" aria-label="Locales">
            {others.map((l, i) => {
              const c = counts[i]?.data
              return (
                <Button key={l} size="small" role="tab" aria-selected={l === locale} variant={l === locale ? "primary" : "secondary"} onClick={() => setLocale(l)}>
                  {l}
                  {c && <Badge size="2xsmall" color={c.count ? "orange" : "green"}>{c.count ? `${c.count} missing` : "complete"}</Badge>}
                </Button>
              )
            })}
          </div>
        )}
      </div>
      {overview.error || missing.error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(overview.error ?? missing.error, "Could not load the translations")}</Text>
      ) : !overview.data ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : others.length === 0 ? (
        <div className="flex flex-col gap-2 px-6 py-4">
          <Text>This school has one locale ({overview.data.default_locale}), so there is nothing to translate.</Text>
          <Text size="small" className="text-ui-fg-subtle">
            Add the others under <Link className="text-ui-fg-interactive" to={orgLink}>the organization's settings</Link> (Other locales), then come back here.
          </Text>
        </div>
      ) : !missing.data ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-3">
            <Text size="small" aria-live="polite" data-testid="missing-summary">
              {missing.data.count
                ? `${missing.data.count} of ${missing.data.total} texts are missing in ${locale}`
                : `Every text of this course is translated into ${locale}`}
            </Text>
            <Button size="small" disabled={!changes.length} isLoading={save.isPending} onClick={() => save.mutate()}>
              Save{changes.length ? ` ${changes.length}` : ""}
            </Button>
          </div>
          {rowList(missingRows, `Missing in ${locale} (${missingRows.length})`)}
          {rowList(translatedRows, `Translated (${translatedRows.length})`)}
        </>
      )}
    </Container>
  )
}

export default CourseTranslationsPage
