import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Select, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { attributionKeys, formatBps, useProductRules } from "../lib/queries"
import { sdk } from "../lib/sdk"

const ROLES = ["creator", "collaborator", "manager", "reviewer"] as const

/** "12.5" -> 1250 basis points, by digits (no float rounding). */
const percentToBps = (value: string) => {
  const [whole, fraction = ""] = value.trim().split(".")
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2))
}

/** A bar showing how much of the product's 100 % percent pool is allocated now. */
const PoolMeter = ({ allocated, peak }: { allocated: number; peak: number }) => (
  <div className="flex flex-col gap-1" aria-label={`Pool allocated ${formatBps(allocated)}`}>
    <div className="h-2 w-full overflow-hidden rounded-full bg-ui-bg-component">
      <div className="h-2 bg-ui-fg-interactive" style={{ width: `${Math.min(allocated, 10000) / 100}%` }} />
    </div>
    <Text size="xsmall" className="text-ui-fg-subtle">
      {formatBps(allocated)} of the net allocated now · {formatBps(10000 - allocated)} left for the org
      {peak > allocated ? ` · peaks at ${formatBps(peak)} later` : ""}
    </Text>
  </div>
)

/** Product page: who earns a share of this product, and how much of the pool is used. */
const ProductAttributionWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const queryClient = useQueryClient()
  const { data, isLoading, error } = useProductRules(product.id)
  const [employeeId, setEmployeeId] = useState("")
  const [role, setRole] = useState<(typeof ROLES)[number]>("creator")
  const [percent, setPercent] = useState("")
  const refresh = () => queryClient.invalidateQueries({ queryKey: attributionKeys.rules(product.id) })

  const add = useMutation({
    mutationFn: () =>
      sdk.client.fetch(`/admin/products/${product.id}/attribution-rules`, {
        method: "POST",
        body: { employee_id: employeeId, role, type: "percent", percent_bps: percentToBps(percent) },
      }),
    onSuccess: () => {
      toast.success("Attribution rule added")
      setPercent("")
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const end = useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/attribution-rules/${id}`, { method: "POST", body: { effective_to: new Date().toISOString() } }),
    onSuccess: () => {
      toast.success("Rule ended")
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const employees = data?.employees ?? []
  const nameOf = (id: string) => employees.find((e) => e.id === id)?.name ?? id
  const pickable = employees.filter((e) => e.status === "active")
  const percentValid = /^\d+(\.\d{1,2})?$/.test(percent) && percentToBps(percent) > 0 && percentToBps(percent) <= 10000

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col gap-3 px-6 py-4">
        <Heading level="h2">Revenue shares</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Staff paid a share of this product's net (after tax and fees). Percent shares in effect at once never exceed 100 %.
        </Text>
        {data && <PoolMeter allocated={data.pool.allocated_bps} peak={data.pool.peak_bps} />}
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {error instanceof Error ? error.message : "Could not load revenue shares"}
        </Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Employee</Table.HeaderCell>
              <Table.HeaderCell>Role</Table.HeaderCell>
              <Table.HeaderCell>Share</Table.HeaderCell>
              <Table.HeaderCell>Period</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {!data?.attribution_rules.length ? (
              <Table.Row>
                <Table.Cell colSpan={5}>
                  <Text size="small" className="text-ui-fg-muted">
                    No revenue shares yet: the org keeps the whole net. Pick an employee and a percent below to pay a creator.
                  </Text>
                </Table.Cell>
              </Table.Row>
            ) : null}
            {(data?.attribution_rules ?? []).map((rule) => (
              <Table.Row key={rule.id}>
                <Table.Cell>{nameOf(rule.employee_id)}</Table.Cell>
                <Table.Cell>{rule.role}</Table.Cell>
                <Table.Cell>
                  {[rule.percent_bps ? formatBps(rule.percent_bps) : null, ...(rule.fixed_amounts ?? []).map((f) => `${f.amount} ${f.currency_code.toUpperCase()}/unit`)]
                    .filter(Boolean)
                    .join(" + ")}
                </Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-2">
                    <Text size="small">
                      {new Date(rule.effective_from).toLocaleDateString()} – {rule.effective_to ? new Date(rule.effective_to).toLocaleDateString() : "open"}
                    </Text>
                    {rule.in_effect ? <Badge size="2xsmall" color="green">in effect</Badge> : <Badge size="2xsmall" color="grey">{rule.ended_reason ?? "not in effect"}</Badge>}
                  </div>
                </Table.Cell>
                <Table.Cell>
                  {rule.in_effect && (
                    <Button size="small" variant="transparent" isLoading={end.isPending} onClick={() => end.mutate(rule.id)}>
                      End now
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <div className="flex flex-wrap items-end gap-2 px-6 py-4">
        <Select size="small" value={employeeId} onValueChange={setEmployeeId}>
          <Select.Trigger className="w-64" aria-label="Employee">
            <Select.Value placeholder={pickable.length ? "Pick an employee…" : "No active staff: invite someone first"} />
          </Select.Trigger>
          <Select.Content>
            {pickable.map((e) => (
              <Select.Item key={e.id} value={e.id}>
                {e.name} ({e.role})
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <Select size="small" value={role} onValueChange={(v) => setRole(v as (typeof ROLES)[number])}>
          <Select.Trigger className="w-36" aria-label="Role">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {ROLES.map((r) => (
              <Select.Item key={r} value={r}>
                {r}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <Input aria-label="Percent of the net" placeholder="%" size="small" className="w-20" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} />
        <Button size="small" variant="secondary" disabled={!employeeId || !percentValid} isLoading={add.isPending} onClick={() => add.mutate()}>
          Add share
        </Button>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductAttributionWidget
