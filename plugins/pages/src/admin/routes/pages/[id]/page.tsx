import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core"
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable"
import { CSS } from "@dnd-kit/utilities"
import { DotsSix, Trash } from "@medusajs/icons"
import { Alert, Badge, Button, Container, Heading, IconButton, Select, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useNavigate, useParams } from "react-router-dom"
import { BlockDrawer } from "../../../components/block-drawer"
import { PagePreview } from "../../../components/block-preview"
import { PageTranslations } from "../../../components/page-translations"
import { BLOCK_TEMPLATES, move, newBlock, summarize } from "../../../lib/blocks"
import { pageKeys, usePage, usePagesWrite, usePageVersions, type Block, type Page, type PageVersion } from "../../../lib/queries"

const fail = (e: unknown) => toast.error(e instanceof Error ? e.message : "Something went wrong")
/** The server refused a write because someone saved the page since it was loaded (409 page_changed). */
const isConflict = (e: unknown) => (e as { status?: number } | null)?.status === 409

function BlockRow({ block, onEdit, onRemove }: { block: Block; onEdit: () => void; onRemove: () => void }) {
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id: block.id })
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="block-row"
      data-block-id={block.id}
      data-block-type={block.type}
      className="flex items-center gap-2 rounded-md border px-2 py-2 bg-ui-bg-base"
    >
      <button type="button" aria-label={`Drag ${block.type}`} className="cursor-grab" {...attributes} {...listeners}><DotsSix /></button>
      <button type="button" className="flex-1 text-left" onClick={onEdit} aria-label={`Settings of ${BLOCK_TEMPLATES[block.type]?.label ?? block.type}: ${summarize(block)}`}>
        <Badge size="2xsmall">{BLOCK_TEMPLATES[block.type]?.label ?? block.type}</Badge> <Text as="span" size="small">{summarize(block)}</Text>
      </button>
      <IconButton size="small" variant="transparent" aria-label={`Remove ${block.type}`} onClick={onRemove}><Trash /></IconButton>
    </li>
  )
}

/** The page editor: blocks (drag to reorder, settings in a drawer), preview at phone or desktop width, publish, history, translations. */
const PageEditor = () => {
  const { id = "" } = useParams()
  const navigate = useNavigate()
  const page = usePage(id)
  const versions = usePageVersions(id)
  const write = usePagesWrite()
  const client = useQueryClient()
  const [blocks, setBlocks] = useState<Block[]>([])
  // The newest version number the blocks were loaded from: every write sends it, and the
  // server answers 409 when someone saved the page since (their work is never overwritten).
  const [base, setBase] = useState<number | null>(null)
  const [conflict, setConflict] = useState<string | null>(null)
  const [dirty, setDirty] = useState(false)
  const [editing, setEditing] = useState<Block | null>(null)
  const [width, setWidth] = useState(390)
  const [adding, setAdding] = useState("hero")
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }))
  useEffect(() => {
    if (!page.data || dirty) return
    setBlocks(page.data.page.draft?.blocks ?? [])
    setBase(page.data.page.draft?.number ?? 0)
  }, [page.data, dirty])
  const change = (next: Block[]) => {
    setBlocks(next)
    setDirty(true)
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    change(move(blocks, blocks.findIndex((b) => b.id === active.id), blocks.findIndex((b) => b.id === over.id)))
  }
  const refused = (e: unknown) => (isConflict(e) ? setConflict(e instanceof Error ? e.message : "This page changed since you opened it.") : fail(e))
  // The answer is the page's new state: written to the cache at once, so the next write
  // (publish right after a save) already sends the new base version.
  const loaded = (next: Page) => client.setQueryData(pageKeys.one(id), { page: next })
  const save = () =>
    write.mutate(
      { path: `/admin/pages/${id}`, body: { blocks, base_version: base } },
      { onSuccess: (data) => { if (data.page) loaded(data.page); setDirty(false); toast.success("Draft saved") }, onError: refused }
    )
  const action = (path: string, done: string, after?: (data: { page?: Page; version?: PageVersion }) => void) =>
    write.mutate(
      { path, body: { base_version: base } },
      { onSuccess: (data) => { after?.(data); setDirty(false); toast.success(done) }, onError: refused }
    )
  const reload = async () => {
    await Promise.all([page.refetch(), versions.refetch()])
    setConflict(null)
    setDirty(false)
  }
  const current = page.data?.page
  if (!current) return <Container>{page.error ? page.error.message : "Loading…"}</Container>
  const publishedNumber = versions.data?.versions.find((v) => v.id === current.published_version_id)?.number
  return (
    <div className="flex flex-col gap-3">
      <Container className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Heading>{current.title}</Heading>
          <Text size="small">{current.is_home ? "Home page" : `/p/${current.slug}`} · <Badge color={current.status === "published" ? "green" : "grey"}>{current.status}</Badge>{publishedNumber ? ` (version ${publishedNumber})` : ""}</Text>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={save} disabled={!dirty} isLoading={write.isPending}>Save draft</Button>
          <Button onClick={() => action(`/admin/pages/${id}/publish`, "Published")} disabled={dirty || Boolean(conflict)}>Publish</Button>
          {current.status === "published" ? <Button variant="secondary" onClick={() => write.mutate({ path: `/admin/pages/${id}/unpublish` }, { onSuccess: () => toast.success("Unpublished"), onError: fail })}>Unpublish</Button> : null}
          <Button variant="danger" onClick={() => window.confirm("Delete this page and its history?") && write.mutate({ path: `/admin/pages/${id}`, method: "DELETE" }, { onSuccess: () => navigate("/pages"), onError: fail })}>Delete</Button>
        </div>
      </Container>
      {conflict ? (
        <Alert variant="error" role="alert" data-testid="page-conflict">
          <div className="flex flex-col gap-2">
            <Text weight="plus">Someone else changed this page</Text>
            <Text size="small">{conflict} Reloading shows their version; your unsaved changes here are discarded.</Text>
            <div><Button size="small" variant="secondary" onClick={reload}>Reload latest version</Button></div>
          </div>
        </Alert>
      ) : null}
      <div className="grid gap-3" style={{ gridTemplateColumns: "minmax(280px, 1fr) 2fr" }}>
        <Container className="flex flex-col gap-2">
          <Heading level="h2">Blocks</Heading>
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
            <SortableContext items={blocks.map((b) => b.id)} strategy={verticalListSortingStrategy}>
              <ul className="flex flex-col gap-1" data-testid="block-list">
                {blocks.map((block) => (
                  <BlockRow key={block.id} block={block} onEdit={() => setEditing(block)} onRemove={() => change(blocks.filter((b) => b.id !== block.id))} />
                ))}
              </ul>
            </SortableContext>
          </DndContext>
          <div className="flex gap-2">
            <Select value={adding} onValueChange={setAdding}>
              <Select.Trigger aria-label="Block type"><Select.Value /></Select.Trigger>
              <Select.Content>
                {Object.entries(BLOCK_TEMPLATES).map(([type, t]) => <Select.Item key={type} value={type}>{t.label}</Select.Item>)}
              </Select.Content>
            </Select>
            <Button variant="secondary" onClick={() => change([...blocks, newBlock(adding)])}>Add block</Button>
          </div>
          <Heading level="h2" className="mt-4">History</Heading>
          <ul className="flex flex-col gap-1" data-testid="version-list">
            {(versions.data?.versions ?? []).map((v) => (
              <li key={v.id} className="flex items-center justify-between" data-version={v.number}>
                <Text size="small">Version {v.number} · {new Date(v.created_at).toLocaleString()} · {v.blocks.length} blocks{v.id === current.published_version_id ? " · published" : ""}</Text>
                <Button
                  size="small"
                  variant="transparent"
                  aria-label={`Restore version ${v.number}`}
                  disabled={Boolean(conflict)}
                  onClick={() => action(`/admin/pages/${id}/versions/${v.id}/restore`, `Version ${v.number} restored as a new draft`, (data) => data.version && loaded({ ...current, draft: data.version }))}
                >
                  Restore
                </Button>
              </li>
            ))}
          </ul>
        </Container>
        <Container className="flex flex-col gap-2">
          <div className="flex items-center gap-2">
            <Heading level="h2">Preview</Heading>
            <Button size="small" variant={width === 390 ? "primary" : "secondary"} onClick={() => setWidth(390)}>Phone</Button>
            <Button size="small" variant={width === 1024 ? "primary" : "secondary"} onClick={() => setWidth(1024)}>Desktop</Button>
          </div>
          <div className="overflow-auto" style={{ maxHeight: "75vh" }}><PagePreview blocks={blocks} width={width} /></div>
        </Container>
      </div>
      <PageTranslations pageId={id} blocks={current.draft?.blocks ?? []} dirty={dirty} />
      <BlockDrawer
        block={editing}
        onClose={() => setEditing(null)}
        onApply={(next) => { change(blocks.map((b) => (b.id === next.id ? next : b))); setEditing(null) }}
      />
    </div>
  )
}

export default PageEditor
