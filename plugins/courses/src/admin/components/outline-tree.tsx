import { ArrowDownMini, ArrowUpMini, DotsSix, EllipsisHorizontal, Trash } from "@medusajs/icons"
import { Badge, Checkbox, IconButton, Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { DragEvent, useState } from "react"
import type { LessonSummary, Module, Placement, Section } from "../lib/api"
import {
  addPlacement,
  addSection,
  effectiveTier,
  moveLessonToSection,
  movePlacement,
  moveSection,
  moveWithinParent,
  NodeRef,
  patchNode,
  removeNode,
} from "../lib/outline"
import { AddForm, NumberField, PickField, TitleField } from "./fields"

export type Apply = (change: (modules: Module[]) => Module[]) => void

/** Native HTML drag and drop of placements and sections: the payload is the node's id. */
const PLACEMENT = "application/x-volmify-placement"
const SECTION = "application/x-volmify-section"
function dragSource(type: string, id: string, name: string, busy: boolean) {
  return {
    draggable: !busy,
    "aria-label": `Drag ${name}`,
    title: "Drag to reorder or to move elsewhere",
    className: "cursor-grab text-ui-fg-muted",
    onDragStart: (e: DragEvent) => {
      e.stopPropagation()
      e.dataTransfer.setData(type, id)
      e.dataTransfer.effectAllowed = "move"
    },
  }
}
function dropZone(type: string, busy: boolean, onDrop: (id: string) => void, setOver: (o: boolean) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (busy || !e.dataTransfer.types.includes(type)) return
      e.preventDefault()
      e.stopPropagation()
      e.dataTransfer.dropEffect = "move"
      setOver(true)
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: DragEvent) => {
      setOver(false)
      const id = e.dataTransfer.getData(type)
      if (busy || !id) return
      e.preventDefault()
      e.stopPropagation()
      onDrop(id)
    },
  }
}
type TreeProps = { modules: Module[]; library: LessonSummary[]; busy: boolean; apply: Apply }

/** What a row shows of its settings: the effective tier, drip and preview, as small badges. */
function NodeSummary({ node, inherited, preview }: { node: { required_tier: number; drip_days: number | null }; inherited: number; preview?: boolean }) {
  const effective = effectiveTier(inherited, node.required_tier)
  return (
    <div className="flex flex-wrap items-center gap-1">
      <Badge size="2xsmall" color={effective > 1 ? "purple" : "grey"} title="Effective tier: the highest of this node and its parents">
        {effective > node.required_tier ? `tier ${effective} (inherited)` : `tier ${effective}`}
      </Badge>
      {node.drip_days !== null && node.drip_days > 0 && <Badge size="2xsmall" color="orange">drip {node.drip_days} d</Badge>}
      {preview && <Badge size="2xsmall" color="green">free preview</Badge>}
    </div>
  )
}

/**
 * The row menu: a button that opens the node's settings (tier, drip days, and for lessons
 * the free preview and "move to section") under the row, so a row shows one line.
 */
function RowSettings({ name, open, onToggle }: { name: string; open: boolean; onToggle: () => void }) {
  return (
    <IconButton size="small" variant="transparent" aria-label={`Settings of ${name}`} aria-expanded={open} title="Tier, drip and more" onClick={onToggle}>
      <EllipsisHorizontal />
    </IconButton>
  )
}

function SettingsPanel({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={`Settings of ${name}`} className="flex basis-full flex-wrap items-center gap-x-4 gap-y-2 rounded-md bg-ui-bg-base px-3 py-2 shadow-borders-base">
      {children}
    </div>
  )
}

/** Tier and drip inputs shared by the three levels (inside the settings panel). */
function NodeControls({ name, node, busy, onPatch }: {
  name: string
  node: { required_tier: number; drip_days: number | null }
  busy: boolean
  onPatch: (p: { required_tier?: number; drip_days?: number | null }) => void
}) {
  return (
    <>
      <div className="flex items-center gap-2">
        <Label size="xsmall" className="text-ui-fg-subtle">Tier</Label>
        <NumberField label={`Tier of ${name}`} value={node.required_tier} min={1} disabled={busy} onSave={(v) => onPatch({ required_tier: v ?? 1 })} />
      </div>
      <div className="flex items-center gap-2">
        <Label size="xsmall" className="text-ui-fg-subtle" title="Days after enrollment before it opens (empty: at once)">Drip days</Label>
        <NumberField label={`Drip days of ${name}`} value={node.drip_days} min={0} nullable placeholder="–" disabled={busy} onSave={(v) => onPatch({ drip_days: v })} />
      </div>
    </>
  )
}

function MoveButtons({ name, refTo, busy, apply }: { name: string; refTo: NodeRef; busy: boolean; apply: Apply }) {
  return (
    <div className="flex items-center gap-1">
      <IconButton size="small" variant="transparent" aria-label={`Move ${name} up`} disabled={busy} onClick={() => apply((m) => moveWithinParent(m, refTo, -1))}>
        <ArrowUpMini />
      </IconButton>
      <IconButton size="small" variant="transparent" aria-label={`Move ${name} down`} disabled={busy} onClick={() => apply((m) => moveWithinParent(m, refTo, 1))}>
        <ArrowDownMini />
      </IconButton>
      <IconButton
        size="small"
        variant="transparent"
        aria-label={`Delete ${name}`}
        disabled={busy}
        onClick={() => window.confirm(`Delete "${name}" and everything inside it?`) && apply((m) => removeNode(m, refTo))}
      >
        <Trash />
      </IconButton>
    </div>
  )
}

function LessonRow({ placement, at, sectionId, inherited, sections, busy, apply }: {
  placement: Placement
  at: Required<NodeRef>
  sectionId: string
  inherited: number
  sections: { value: string; label: string }[]
  busy: boolean
  apply: Apply
}) {
  const name = placement.lesson?.title ?? placement.lesson_id
  const [over, setOver] = useState(false)
  const [open, setOpen] = useState(false)
  return (
    <li
      className={`flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border bg-ui-bg-subtle px-3 py-2 ${over ? "border-ui-border-interactive border-t-2" : "border-ui-border-base"}`}
      data-testid="outline-lesson"
      {...dropZone(PLACEMENT, busy, (id) => apply((m) => movePlacement(m, id, sectionId, placement.id)), setOver)}
    >
      <span {...dragSource(PLACEMENT, placement.id, name, busy)}>
        <DotsSix />
      </span>
      <Text size="small" weight="plus" className="min-w-[9rem] flex-1 break-words">{name}</Text>
      <Badge size="2xsmall">{placement.lesson?.type ?? "lesson"}</Badge>
      <NodeSummary node={placement} inherited={inherited} preview={placement.is_preview} />
      <RowSettings name={name} open={open} onToggle={() => setOpen(!open)} />
      <MoveButtons name={name} refTo={at} busy={busy} apply={apply} />
      {open && (
        <SettingsPanel name={name}>
          <NodeControls name={name} node={placement} busy={busy} onPatch={(p) => apply((m) => patchNode(m, at, p))} />
          <div className="flex items-center gap-1">
            <Checkbox
              id={`preview-${placement.id}`}
              aria-label={`Preview ${name}`}
              checked={placement.is_preview}
              disabled={busy}
              onCheckedChange={(v) => apply((m) => patchNode(m, at, { is_preview: v === true }))}
            />
            <Label size="xsmall" htmlFor={`preview-${placement.id}`}>Free preview</Label>
          </div>
          {sections.length > 0 && (
            <PickField
              label={`Move ${name} to section`}
              value=""
              disabled={busy}
              options={[{ value: "", label: "Move to section…" }, ...sections]}
              onChange={(id) => id && apply((m) => moveLessonToSection(m, at, id))}
            />
          )}
        </SettingsPanel>
      )}
    </li>
  )
}

function SectionBlock({ section, at, moduleId, inherited, library, sections, busy, apply }: {
  section: Section
  at: { module: number; section: number }
  moduleId: string
  inherited: number
  library: LessonSummary[]
  sections: { value: string; label: string }[]
  busy: boolean
  apply: Apply
}) {
  const [pick, setPick] = useState("")
  // The lesson as it was when picked: a library refetch between the pick and the click (the
  // lesson deleted meanwhile) must not turn the click into a silent no-op; the save then
  // fails with the server's message instead.
  const [picked, setPicked] = useState<LessonSummary | null>(null)
  const [over, setOver] = useState(false)
  const [sectionOver, setSectionOver] = useState(false)
  const [open, setOpen] = useState(false)
  const tier = effectiveTier(inherited, section.required_tier)
  return (
    <li
      className={`flex flex-col gap-2 rounded-md border p-3 ${sectionOver ? "border-ui-border-interactive border-t-2" : "border-ui-border-base"}`}
      data-testid="outline-section"
      {...dropZone(SECTION, busy, (id) => apply((m) => moveSection(m, id, moduleId, section.id)), setSectionOver)}
    >
      <div className="flex flex-wrap items-center gap-3">
        <span {...dragSource(SECTION, section.id, `section ${section.title}`, busy)}>
          <DotsSix />
        </span>
        <Text size="xsmall" className="text-ui-fg-muted">Section</Text>
        <TitleField label={`Title of section ${section.title}`} value={section.title} disabled={busy} onSave={(title) => apply((m) => patchNode(m, at, { title }))} />
        <NodeSummary node={section} inherited={inherited} />
        <RowSettings name={section.title} open={open} onToggle={() => setOpen(!open)} />
        <MoveButtons name={section.title} refTo={at} busy={busy} apply={apply} />
        {open && (
          <SettingsPanel name={section.title}>
            <NodeControls name={section.title} node={section} busy={busy} onPatch={(p) => apply((m) => patchNode(m, at, p))} />
          </SettingsPanel>
        )}
      </div>
      <ul
        aria-label={`Lessons of ${section.title}`}
        className={`flex min-h-[2.5rem] flex-col gap-2 rounded-md pl-4 ${over ? "bg-ui-bg-highlight" : ""}`}
        {...dropZone(PLACEMENT, busy, (id) => apply((m) => movePlacement(m, id, section.id)), setOver)}
      >
        {section.lessons.length === 0 && <Text size="small" className="py-2 text-ui-fg-muted">Drop lessons here or add one below.</Text>}
        {section.lessons.map((p, i) => (
          <LessonRow key={p.id} placement={p} at={{ ...at, lesson: i }} sectionId={section.id} inherited={tier} sections={sections.filter((s) => s.value !== section.id)} busy={busy} apply={apply} />
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2 pl-4">
        <PickField
          label={`Lesson to add to ${section.title}`}
          value={pick}
          disabled={busy}
          options={[{ value: "", label: library.length ? "Pick a library lesson…" : "The lesson library is empty" }, ...library.map((l) => ({ value: l.id, label: libraryLabel(l) }))]}
          onChange={(value) => {
            setPick(value)
            setPicked(library.find((l) => l.id === value) ?? null)
          }}
        />
        <button
          type="button"
          className="txt-compact-small-plus text-ui-fg-interactive disabled:text-ui-fg-disabled"
          disabled={busy || !pick}
          onClick={() => {
            const lesson = library.find((l) => l.id === pick) ?? (picked?.id === pick ? picked : null)
            if (lesson) apply((m) => addPlacement(m, at.module, at.section, lesson))
            setPick("")
            setPicked(null)
          }}
        >
          Add lesson to {section.title}
        </button>
      </div>
    </li>
  )
}

/** The outline: modules > sections > lesson placements, each editable in place. */
/** "Title (type) · from Course A, Course B": where a reusable library lesson is already used. */
export function libraryLabel(lesson: LessonSummary) {
  const courses = [...new Set((lesson.used_in ?? []).map((u) => u.course_title))]
  return `${lesson.title} (${lesson.type}) · ${courses.length ? `from ${courses.join(", ")}` : "not in a course yet"}`
}

function ModuleHeader({ module, mi, busy, apply }: { module: Module; mi: number; busy: boolean; apply: Apply }) {
  const [open, setOpen] = useState(false)
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Text size="xsmall" className="text-ui-fg-muted">Module</Text>
      <TitleField label={`Title of module ${module.title}`} value={module.title} disabled={busy} onSave={(title) => apply((m) => patchNode(m, { module: mi }, { title }))} />
      <NodeSummary node={module} inherited={1} />
      <RowSettings name={module.title} open={open} onToggle={() => setOpen(!open)} />
      <MoveButtons name={module.title} refTo={{ module: mi }} busy={busy} apply={apply} />
      {open && (
        <SettingsPanel name={module.title}>
          <NodeControls name={module.title} node={module} busy={busy} onPatch={(p) => apply((m) => patchNode(m, { module: mi }, p))} />
        </SettingsPanel>
      )}
    </div>
  )
}

export function OutlineTree({ modules, library, busy, apply }: TreeProps) {
  const [over, setOver] = useState<string | null>(null)
  const sections = modules.flatMap((m) => m.sections.map((s) => ({ value: s.id, label: `${m.title} › ${s.title}` })))
  return (
    <ol className="flex flex-col gap-4">
      {modules.map((module, mi) => (
        <li key={module.id} className="flex flex-col gap-3 rounded-lg border border-ui-border-strong p-4" data-testid="outline-module">
          <ModuleHeader module={module} mi={mi} busy={busy} apply={apply} />
          <ul
            aria-label={`Sections of ${module.title}`}
            className={`flex min-h-[2.5rem] flex-col gap-3 rounded-md pl-4 ${over === module.id ? "bg-ui-bg-highlight" : ""}`}
            {...dropZone(SECTION, busy, (id) => apply((m) => moveSection(m, id, module.id)), (o) => setOver(o ? module.id : null))}
          >
            {module.sections.length === 0 && <Text size="small" className="py-2 text-ui-fg-muted">Drop sections here or add one below.</Text>}
            {module.sections.map((s, si) => (
              <SectionBlock
                key={s.id}
                section={s}
                at={{ module: mi, section: si }}
                moduleId={module.id}
                inherited={module.required_tier}
                library={library}
                sections={sections}
                busy={busy}
                apply={apply}
              />
            ))}
          </ul>
          <div className="pl-4">
            <AddForm label={`New section in ${module.title}`} button="Add section" disabled={busy} onAdd={(title) => apply((m) => addSection(m, mi, title))} />
          </div>
        </li>
      ))}
    </ol>
  )
}
