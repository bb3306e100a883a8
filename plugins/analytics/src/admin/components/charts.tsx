import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"

// Colours from the dashboard's palette (CSS variables of @medusajs/ui), so charts follow light and dark mode.
const COLORS = ["var(--fg-interactive)", "var(--tag-green-icon)", "var(--tag-orange-icon)", "var(--tag-red-icon)"]
const axis = { fontSize: 11, fill: "var(--fg-subtle)" }

export type Series = { key: string; label: string }

/** A line chart over time buckets; values are numbers for plotting only (figures shown as text come from exact strings). */
export function TimeChart({ data, series, label }: { data: Record<string, string | number>[]; series: Series[]; label: string }) {
  return (
    <div className="h-64 w-full px-2 py-4" role="img" aria-label={label} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 16 }}>
          <CartesianGrid stroke="var(--border-base)" strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={axis} />
          <YAxis tick={axis} width={64} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

/** A bar chart by category (courses, lessons). */
export function Bars({ data, x, series, label, height = 256 }: { data: Record<string, string | number>[]; x: string; series: Series[]; label: string; height?: number }) {
  return (
    <div className="w-full px-2 py-4" style={{ height }} role="img" aria-label={label} data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: 8, right: 16 }}>
          <CartesianGrid stroke="var(--border-base)" strokeDasharray="3 3" />
          <XAxis dataKey={x} tick={axis} interval={0} />
          <YAxis tick={axis} width={64} allowDecimals={false} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
