import { Button, Input, Label, Select, Text } from "@medusajs/ui"
import { AmountRow } from "../lib/rates"

/** Amounts per currency, as rows (currency code + decimal amount); kept as text, never floats. */
export function AmountsField({ label, rows, onChange }: { label: string; rows: AmountRow[]; onChange: (rows: AmountRow[]) => void }) {
  return (
    <div className="flex flex-col gap-1" aria-label={label}>
      <Text size="small" weight="plus">{label}</Text>
      {rows.map((r, i) => (
        <div key={i} className="flex items-center gap-2">
          <Input size="small" className="w-20" aria-label={`${label}: currency ${i + 1}`} placeholder="usd" value={r.currency_code}
            onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, currency_code: e.target.value } : x)))} />
          <Input size="small" className="w-28" aria-label={`${label}: amount ${i + 1}`} placeholder="5.00" inputMode="decimal" value={r.amount}
            onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />
          <Button size="small" variant="transparent" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</Button>
        </div>
      ))}
      <div>
        <Button size="small" variant="secondary" onClick={() => onChange([...rows, { currency_code: "", amount: "" }])}>Add currency</Button>
      </div>
    </div>
  )
}

export type RateDraft = { type: "default" | "percent" | "fixed"; percent: string; fixed: AmountRow[] }

/** Percent of the line (after discounts, without tax) or a fixed amount per unit; optionally "program default". */
export function RateFields({ draft, onChange, allowDefault, idPrefix }: { draft: RateDraft; onChange: (d: RateDraft) => void; allowDefault: boolean; idPrefix: string }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`${idPrefix}-type`}>Commission</Label>
      <Select value={draft.type} onValueChange={(type) => onChange({ ...draft, type: type as RateDraft["type"] })}>
        <Select.Trigger id={`${idPrefix}-type`} aria-label={`${idPrefix} commission type`}><Select.Value /></Select.Trigger>
        <Select.Content>
          {allowDefault && <Select.Item value="default">Program default</Select.Item>}
          <Select.Item value="percent">Percent of the sale</Select.Item>
          <Select.Item value="fixed">Fixed amount per unit</Select.Item>
        </Select.Content>
      </Select>
      {draft.type === "percent" && (
        <Label>
          Percent
          <Input size="small" inputMode="decimal" aria-label={`${idPrefix} percent`} placeholder="10" value={draft.percent} onChange={(e) => onChange({ ...draft, percent: e.target.value })} />
        </Label>
      )}
      {draft.type === "fixed" && <AmountsField label="Fixed amount per currency" rows={draft.fixed} onChange={(fixed) => onChange({ ...draft, fixed })} />}
    </div>
  )
}
