import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { NativeSelect } from "../components/native-select"
import { errorText } from "../lib/errors"
import { AccessPlan, describePlan, draftOf, PlanDraft, planBody, sameAsPlan } from "../lib/plan-draft"
import { sdk } from "../lib/sdk"

/** One variant's plan: tier, then one-time (days of access) or subscription terms. */
function PlanRow({ productId, variant, plan, onSaved }: { productId: string; variant: { id: string; title: string }; plan?: AccessPlan; onSaved: () => void }) {
  const [draft, setDraft] = useState<PlanDraft | null>(null)
  const d = draft ?? draftOf(plan)
  const set = (patch: Partial<PlanDraft>) => setDraft({ ...d, ...patch })
  const decided = planBody(d)
  const save = useMutation({
    mutationFn: (body: Record<string, unknown> | null) =>
      sdk.client.fetch(`/admin/products/${productId}/variants/${variant.id}/access-plan`, {
        method: body === null ? "DELETE" : "POST",
        ...(body === null ? {} : { body }),
      }),
    onSuccess: (_r, body) => {
      toast.success(body === null ? "Access plan removed" : "Access plan saved")
      setDraft(null)
      onSaved()
    },
    onError: (e) => toast.error(errorText(e, "The access plan was not saved")),
  })
  const unchanged = sameAsPlan(d, plan)
  const removing = "body" in decided && decided.body === null
  const sub = d.billing === "subscription"
  const name = variant.title
  return (
    <Table.Row>
      <Table.Cell>
        <div className="flex flex-col gap-1 py-1">
          <div className="flex items-center gap-2">
            {name}
            {plan ? <Badge size="2xsmall" title={`tier ${plan.tier}`}>Tier {plan.tier}</Badge> : <Badge size="2xsmall" color="grey">none</Badge>}
          </div>
          {plan && <Text size="xsmall" className="text-ui-fg-muted">{describePlan(plan)}</Text>}
        </div>
      </Table.Cell>
      <Table.Cell>
        <Input aria-label={`Tier of ${name}`} size="small" className="w-16" inputMode="numeric" value={d.tier} onChange={(e) => set({ tier: e.target.value })} />
      </Table.Cell>
      <Table.Cell>
        <NativeSelect
          label={`Billing of ${name}`}
          value={d.billing}
          options={[
            { value: "one_time", label: "One-time" },
            { value: "subscription", label: "Subscription" },
          ]}
          onChange={(billing) => set({ billing: billing as PlanDraft["billing"] })}
        />
      </Table.Cell>
      <Table.Cell>
        {sub ? (
          <div className="flex flex-wrap items-center gap-2 py-1">
            <Text size="small">every</Text>
            <Input aria-label={`Interval count of ${name}`} size="small" className="w-14" inputMode="numeric" value={d.interval_count} onChange={(e) => set({ interval_count: e.target.value })} />
            <NativeSelect
              label={`Interval of ${name}`}
              value={d.interval}
              options={[
                { value: "week", label: "week(s)" },
                { value: "month", label: "month(s)" },
                { value: "year", label: "year(s)" },
              ]}
              onChange={(interval) => set({ interval: interval as PlanDraft["interval"] })}
            />
            <Input aria-label={`Trial days of ${name}`} title="Trial days" size="small" className="w-16" inputMode="numeric" placeholder="trial" value={d.trial_days} onChange={(e) => set({ trial_days: e.target.value })} />
            <Text size="small">trial days,</Text>
            <Input
              aria-label={`Payments of ${name}`}
              title="Number of payments (installments); empty: until canceled"
              size="small"
              className="w-24"
              inputMode="numeric"
              placeholder="until canceled"
              value={d.max_payments}
              onChange={(e) => set({ max_payments: e.target.value })}
            />
            <Text size="small">payments,</Text>
            <NativeSelect
              label={`Scope of ${name}`}
              value={d.scope}
              options={[
                { value: "course", label: "this course" },
                { value: "org", label: "every course of the org" },
              ]}
              onChange={(scope) => set({ scope: scope as PlanDraft["scope"] })}
            />
          </div>
        ) : (
          <Input
            aria-label={`Days of access of ${name}`}
            size="small"
            className="w-24"
            inputMode="numeric"
            placeholder="lifetime"
            value={d.duration}
            onChange={(e) => set({ duration: e.target.value })}
          />
        )}
      </Table.Cell>
      <Table.Cell>
        <Button
          size="small"
          variant="secondary"
          aria-label={`Save access plan of ${name}`}
          disabled={"problem" in decided || unchanged || save.isPending || (removing && !plan)}
          onClick={() => "body" in decided && save.mutate(decided.body)}
        >
          {removing && plan ? "Remove" : "Save"}
        </Button>
        {"problem" in decided && (
          <Text size="xsmall" className="text-ui-fg-error" role="alert">{decided.problem}</Text>
        )}
      </Table.Cell>
    </Table.Row>
  )
}

/**
 * Product page: what buying each variant grants. A tier (1 basic, 2 premium, 3 VIP) either
 * once, for the days given or for life, or as a subscription billed every N weeks, months
 * or years at the variant's price, with a trial, an optional number of payments
 * (installments: lifetime access after the last) and a scope (this course or every course
 * of the org). No tier: grants nothing. Catalog staff of the product's org.
 */
const ProductAccessPlansWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const client = useQueryClient()
  // Same key as @volmify/courses' course page (its tier list reads these plans).
  const key = ["volmify", "access-plans", product.id]
  const { data, isLoading, error } = useQuery({
    queryKey: key,
    queryFn: () => sdk.client.fetch<{ access_plans: AccessPlan[] }>(`/admin/products/${product.id}/access-plans`),
  })
  // The product page's data has no variants (the dashboard pages them): list them here.
  const variants = useQuery({
    queryKey: ["volmify", "product-variants", product.id],
    queryFn: () =>
      sdk.client.fetch<{ variants: { id: string; title: string }[] }>(`/admin/products/${product.id}/variants`, {
        query: { fields: "id,title", limit: 100, order: "variant_rank" },
      }),
  })
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Access plans</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          What buying each variant grants: a tier once (for the days given, or for life) or as a subscription billed at the variant's price.
        </Text>
      </div>
      {error || variants.error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error ?? variants.error, "Could not load access plans")}</Text>
      ) : isLoading || variants.isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !variants.data?.variants.length ? (
        <Text className="px-6 py-4 text-ui-fg-muted">This product has no variants yet.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Variant</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell>Billing</Table.HeaderCell>
              <Table.HeaderCell>Terms</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {variants.data.variants.map((variant) => (
              <PlanRow
                key={variant.id}
                productId={product.id}
                variant={variant}
                plan={data?.access_plans.find((p) => p.variant_id === variant.id)}
                onSaved={() => client.invalidateQueries({ queryKey: key })}
              />
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductAccessPlansWidget
