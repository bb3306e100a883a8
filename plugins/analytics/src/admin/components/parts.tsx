import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { type CsvColumn, downloadCsv, toCsv } from "../lib/csv"
import { formatChange, type Interval, lastDays, type PeriodChoice } from "../lib/period"

/** A labelled native select in the dashboard's field style. */
export function NativeSelect({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="bg-ui-bg-field border-ui-border-base txt-compact-small h-8 min-w-0 rounded-md border px-2 text-ui-fg-base"
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}

/** One figure, with its change against the previous period when given. */
export function Stat({ label, value, change, hint }: { label: string; value: string; change?: number | null; hint?: string }) {
  return (
    <div className="flex flex-col gap-1 rounded-md border border-ui-border-base px-4 py-3" role="group" aria-label={label}>
      <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
      <Text size="large" weight="plus" data-testid="stat-value">{value}</Text>
      {change !== undefined && (
        <Text size="xsmall" className={change === null ? "text-ui-fg-muted" : change >= 0 ? "text-ui-fg-interactive" : "text-ui-fg-error"}>
          {formatChange(change)} vs previous period
        </Text>
      )}
      {hint && <Text size="xsmall" className="text-ui-fg-muted">{hint}</Text>}
    </div>
  )
}

/** A dashboard section: heading, optional actions, body. */
export function Section({ title, subtitle, actions, children, testId }: { title: string; subtitle?: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Container className="divide-y p-0" data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">{title}</Heading>
          {subtitle && <Text size="small" className="text-ui-fg-subtle">{subtitle}</Text>}
        </div>
        {actions}
      </div>
      {children}
    </Container>
  )
}

/** What to do when there is nothing to show yet. */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="small" className="px-6 py-6 text-ui-fg-subtle" data-testid="empty-state">
      {children}
    </Text>
  )
}

/** A table of rows with a client-side CSV export of exactly the rows and columns shown. */
export function DataTable<T>({ name, columns, rows, empty }: { name: string; columns: CsvColumn<T>[]; rows: T[]; empty: ReactNode }) {
  if (!rows.length) return <Empty>{empty}</Empty>
  return (
    <div data-testid={`table-${name}`}>
      <div className="flex justify-end px-6 pt-3">
        <Button size="small" variant="secondary" onClick={() => downloadCsv(`${name}.csv`, toCsv(columns, rows))}>
          Export CSV
        </Button>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            {columns.map((c) => (
              <Table.HeaderCell key={c.header}>{c.header}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r, i) => (
            <Table.Row key={i}>
              {columns.map((c) => (
                <Table.Cell key={c.header}>{c.value(r) ?? "–"}</Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

const PRESETS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "custom", label: "Custom" },
]

/** Period picker: presets or custom dates (both days included); optionally the bucket interval. */
export function PeriodPicker({
  value,
  onChange,
  interval,
  onInterval,
}: {
  value: PeriodChoice
  onChange: (p: PeriodChoice) => void
  interval?: Interval
  onInterval?: (i: Interval) => void
}) {
  const [draft, setDraft] = useState({ from: value.from, to: value.to })
  const invalid = !draft.from || !draft.to || draft.from > draft.to
  return (
    <div className="flex flex-wrap items-end gap-2">
      <NativeSelect
        label="Period"
        value={value.preset}
        options={PRESETS}
        onChange={(v) => {
          if (v === "custom") {
            // Custom starts from the dates shown, not the ones of the first render.
            setDraft({ from: value.from, to: value.to })
            onChange({ ...value, preset: "custom" })
          }
          else onChange({ preset: v as PeriodChoice["preset"], ...lastDays(Number(v)) })
        }}
      />
      {value.preset === "custom" && (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (!invalid) onChange({ preset: "custom", ...draft })
          }}
        >
          <Label size="xsmall" className="flex flex-col gap-1">
            From
            <Input type="date" size="small" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </Label>
          <Label size="xsmall" className="flex flex-col gap-1">
            To
            <Input type="date" size="small" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </Label>
          <Button size="small" variant="secondary" type="submit" disabled={invalid}>
            Apply
          </Button>
          {invalid && <Badge color="red" size="2xsmall">"From" must not be after "To"</Badge>}
        </form>
      )}
      {interval && onInterval && (
        <NativeSelect
          label="Group by"
          value={interval}
          options={[
            { value: "day", label: "By day" },
            { value: "week", label: "By week" },
            { value: "month", label: "By month" },
          ]}
          onChange={(v) => onInterval(v as Interval)}
        />
      )}
    </div>
  )
}
