import { Alert, Badge, Button, Container, Drawer, Heading, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import { BLOCK_TEMPLATES } from "../lib/blocks"
import { pageKeys, useMissingTranslations, usePageTranslations, type Block } from "../lib/queries"
import { sdk } from "../lib/sdk"

/*
 * The page's texts in the org's other locales (issue 26): per enabled, non-default locale the
 * number of texts still missing, and a drawer listing every translatable text of the saved
 * draft with its source and an input. Which texts are translatable is the server's rule
 * (rules/page-translations.ts): the drawer shows what the routes list, never URLs or ids.
 */

const SEO_BLOCK_ID = "_seo"
/** Paragraph-sized texts get a textarea; headings and labels an input. */
const LONG_FIELDS = new Set(["text", "answer", "quote", "bio", "description"])
const lastKey = (field: string) => field.replace(/\[\d+\]/g, "").split(".").pop() ?? field
const keyOf = (blockId: string, field: string) => `${blockId}\u0000${field}`
/** Keys in the order a block shows them (its schema's order; unknown keys such as `cta`, `items` after these). */
const KEY_ORDER = ["title", "heading", "text", "quote", "role", "question", "answer", "bio", "image_alt", "button_label", "label", "expired_text", "description"]
const tokens = (field: string) => [...field.matchAll(/([a-z_]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]))
/** Orders two texts of one block as the block shows them: indexes by number, keys by KEY_ORDER. */
function compareFields(a: string, b: string): number {
  const [x, y] = [tokens(a), tokens(b)]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue
    if (typeof x[i] === "number" && typeof y[i] === "number") return (x[i] as number) - (y[i] as number)
    const rank = (t: string | number) => (typeof t === "string" && KEY_ORDER.includes(t) ? KEY_ORDER.indexOf(t) : KEY_ORDER.length)
    return rank(x[i]) - rank(y[i]) || String(x[i]).localeCompare(String(y[i]))
  }
  return x.length - y.length
}
/** "items[0].answer" -> "items 1 › answer": a path a merchant can read. */
const readablePath = (field: string) => field.replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`).split(".").join(" › ")

type Row = { block_id: string; block_type: string; field: string; source: string; value: string }

/** A label a merchant can place: the block's type and its summary position, then the text's path. */
function rowLabel(row: Row, index: number) {
  if (row.block_id === SEO_BLOCK_ID) return `Search and social · ${row.field}`
  return `${index + 1}. ${BLOCK_TEMPLATES[row.block_type]?.label ?? row.block_type} · ${readablePath(row.field)}`
}

function TranslationDrawer({ pageId, locale, blocks, onClose }: { pageId: string; locale: string; blocks: Block[]; onClose: () => void }) {
  const client = useQueryClient()
  const translations = usePageTranslations(pageId, locale)
  const missing = useMissingTranslations(pageId, locale)
  const order = useMemo(() => new Map(blocks.map((b, i) => [b.id, i])), [blocks])
  const typeOf = useMemo(() => new Map(blocks.map((b) => [b.id, b.type])), [blocks])
  // Every text of the saved draft: the missing ones (empty) and the translated ones (their
  // value); translations of texts no longer on the draft are not shown.
  const rows = useMemo<Row[]>(() => {
    if (!translations.data || !missing.data) return []
    const translated: Row[] = translations.data.translations
      .filter((t) => t.source !== null)
      .map((t) => ({ block_id: t.block_id, block_type: t.block_id === SEO_BLOCK_ID ? "seo" : (typeOf.get(t.block_id) ?? ""), field: t.field, source: t.source as string, value: t.value }))
    // The two lists refetch separately after a save: a text in both is the translated one.
    const done = new Set(translated.map((r) => keyOf(r.block_id, r.field)))
    const out: Row[] = [...missing.data.missing.filter((m) => !done.has(keyOf(m.block_id, m.field))).map((m) => ({ ...m, value: "" })), ...translated]
    const position = (id: string) => (id === SEO_BLOCK_ID ? Number.MAX_SAFE_INTEGER : (order.get(id) ?? Number.MAX_SAFE_INTEGER - 1))
    return out.sort((a, b) => position(a.block_id) - position(b.block_id) || compareFields(a.field, b.field))
  }, [translations.data, missing.data, order, typeOf])
  const [values, setValues] = useState<Record<string, string>>({})
  useEffect(() => setValues(Object.fromEntries(rows.map((r) => [keyOf(r.block_id, r.field), r.value]))), [rows])
  const changed = rows.filter((r) => (values[keyOf(r.block_id, r.field)] ?? "") !== r.value)
  const save = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ locale: string; set: number; removed: number }>(`/admin/pages/${pageId}/translations`, {
        method: "POST",
        body: {
          locale,
          translations: changed.map((r) => {
            const value = (values[keyOf(r.block_id, r.field)] ?? "").trim()
            return { block_id: r.block_id, field: r.field, value: value ? value : null }
          }),
        },
      }),
    onSuccess: (data) => {
      toast.success(`Saved ${data.set} text${data.set === 1 ? "" : "s"}${data.removed ? `, removed ${data.removed}` : ""} in ${locale}`)
      client.invalidateQueries({ queryKey: pageKeys.all })
    },
    onError: (e: unknown) => toast.error(e instanceof Error ? e.message : "Something went wrong"),
  })
  const loading = translations.isLoading || missing.isLoading
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="translation-drawer">
        <Drawer.Header>
          <Drawer.Title>Translate into {locale}</Drawer.Title>
          <Drawer.Description>
            {missing.data ? `${missing.data.count} of ${missing.data.total} texts missing. A missing text shows in the default language.` : "Loading…"}
          </Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-auto">
          {translations.error || missing.error ? <Text className="text-ui-fg-error">{(translations.error ?? missing.error)?.message}</Text> : null}
          {!loading && !rows.length ? <Text size="small">This page's draft has no texts to translate.</Text> : null}
          {rows.map((row) => {
            const k = keyOf(row.block_id, row.field)
            const id = `tr-${row.block_id}-${row.field}`.replace(/[^A-Za-z0-9_-]/g, "-")
            const set = (value: string) => setValues({ ...values, [k]: value })
            return (
              <div key={k} className="flex flex-col gap-1" data-testid="translation-row" data-block-id={row.block_id} data-field={row.field}>
                <div className="flex items-center gap-2">
                  <Label htmlFor={id} size="small" weight="plus">{rowLabel(row, order.get(row.block_id) ?? 0)}</Label>
                  {row.value ? null : <Badge size="2xsmall" color="orange">missing</Badge>}
                </div>
                <Text size="small" className="text-ui-fg-subtle whitespace-pre-wrap">{row.source}</Text>
                {LONG_FIELDS.has(lastKey(row.field)) ? (
                  <Textarea id={id} rows={3} value={values[k] ?? ""} onChange={(e) => set(e.target.value)} />
                ) : (
                  <Input id={id} value={values[k] ?? ""} onChange={(e) => set(e.target.value)} />
                )}
              </div>
            )
          })}
        </Drawer.Body>
        <Drawer.Footer>
          <Text size="small" className="mr-auto">{changed.length ? `${changed.length} changed` : "No changes"}</Text>
          <Button variant="secondary" onClick={onClose}>Close</Button>
          <Button onClick={() => save.mutate()} disabled={!changed.length} isLoading={save.isPending}>Save translations</Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

function LocaleRow({ pageId, locale, onOpen }: { pageId: string; locale: string; onOpen: () => void }) {
  const missing = useMissingTranslations(pageId, locale)
  return (
    <li className="flex items-center justify-between gap-2" data-testid="translation-locale" data-locale={locale}>
      <Text size="small">
        <Badge size="2xsmall">{locale}</Badge>{" "}
        {missing.data ? (missing.data.count ? `${missing.data.count} of ${missing.data.total} texts missing` : `all ${missing.data.total} texts translated`) : missing.error ? missing.error.message : "…"}
      </Text>
      <Button size="small" variant="secondary" onClick={onOpen}>Translate</Button>
    </li>
  )
}

/** The editor's "Translations" section: one row per enabled, non-default locale of the page's org. */
export function PageTranslations({ pageId, blocks, dirty }: { pageId: string; blocks: Block[]; dirty: boolean }) {
  const all = usePageTranslations(pageId, null)
  const [open, setOpen] = useState<string | null>(null)
  const others = (all.data?.locales ?? []).filter((l) => l !== all.data?.default_locale)
  return (
    <Container className="flex flex-col gap-2" data-testid="page-translations">
      <Heading level="h2">Translations</Heading>
      {all.error ? <Text size="small" className="text-ui-fg-error">{all.error.message}</Text> : null}
      {all.data && !others.length ? (
        <Text size="small">Only {all.data.default_locale} is enabled for this school: enable more languages in the organization's branding to translate this page.</Text>
      ) : null}
      {dirty && others.length ? (
        <Alert variant="warning">Save the draft first: translations are made for the saved draft's texts.</Alert>
      ) : null}
      <ul className="flex flex-col gap-1">
        {others.map((locale) => <LocaleRow key={locale} pageId={pageId} locale={locale} onOpen={() => setOpen(locale)} />)}
      </ul>
      {open ? <TranslationDrawer pageId={pageId} locale={open} blocks={blocks} onClose={() => setOpen(null)} /> : null}
    </Container>
  )
}
