/** A labelled native select in the dashboard's field style (keyboard and screen-reader friendly inside tables). */
export function NativeSelect({
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
