import { Button, Input } from "@medusajs/ui"
import { useEffect, useState } from "react"

/** A title that saves on Enter or blur (Escape restores). */
export function TitleField({ value, label, disabled, onSave }: { value: string; label: string; disabled?: boolean; onSave: (v: string) => void }) {
  const [draft, setDraft] = useState(value)
  useEffect(() => setDraft(value), [value])
  const commit = () => {
    const v = draft.trim()
    if (v && v !== value) onSave(v)
    else setDraft(value)
  }
  return (
    <Input
      size="small"
      aria-label={label}
      value={draft}
      disabled={disabled}
      className="min-w-[12rem] flex-1"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit()
        if (e.key === "Escape") setDraft(value)
      }}
    />
  )
}

/** A whole number (or empty when `nullable`) that saves on Enter or blur; invalid input is reset. */
export function NumberField({
  value,
  label,
  min,
  nullable,
  disabled,
  placeholder,
  onSave,
}: {
  value: number | null
  label: string
  min: number
  nullable?: boolean
  disabled?: boolean
  placeholder?: string
  onSave: (v: number | null) => void
}) {
  const shown = value === null ? "" : String(value)
  const [draft, setDraft] = useState(shown)
  useEffect(() => setDraft(shown), [shown])
  const commit = () => {
    const text = draft.trim()
    const parsed = text === "" ? null : Number(text)
    const valid = parsed === null ? !!nullable : Number.isInteger(parsed) && parsed >= min
    if (!valid) return setDraft(shown)
    if (parsed !== value) onSave(parsed)
  }
  return (
    <Input
      size="small"
      aria-label={label}
      inputMode="numeric"
      className="w-16"
      placeholder={placeholder}
      value={draft}
      disabled={disabled}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  )
}

/** An inline "title + button" form that adds a node. */
export function AddForm({ label, button, disabled, onAdd }: { label: string; button: string; disabled?: boolean; onAdd: (title: string) => void }) {
  const [title, setTitle] = useState("")
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        if (!title.trim() || disabled) return
        onAdd(title.trim())
        setTitle("")
      }}
    >
      <Input size="small" aria-label={label} placeholder={label} value={title} onChange={(e) => setTitle(e.target.value)} />
      <Button type="submit" size="small" variant="secondary" disabled={disabled || !title.trim()}>
        {button}
      </Button>
    </form>
  )
}

/** A native select (labelled) for pickers inside the outline. */
export function PickField({
  label,
  value,
  options,
  disabled,
  onChange,
}: {
  label: string
  value: string
  options: { value: string; label: string }[]
  disabled?: boolean
  onChange: (v: string) => void
}) {
  return (
    <select
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className="bg-ui-bg-field border-ui-border-base txt-compact-small h-8 min-w-0 max-w-full rounded-md border px-2 text-ui-fg-base"
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
