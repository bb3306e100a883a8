import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "../lib/sdk"

type AccessPlan = { id: string; variant_id: string; tier: number; duration_days: number | null }

const plansKey = (productId: string) => ["volmify", "access-plans", productId]

/** Product page: which tier each variant grants, editable by the org's catalog staff. */
const ProductAccessPlansWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const queryClient = useQueryClient()
  const { data, isLoading, error } = useQuery({
    queryKey: plansKey(product.id),
    queryFn: () => sdk.client.fetch<{ access_plans: AccessPlan[] }>(`/admin/products/${product.id}/access-plans`),
  })
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const save = useMutation({
    mutationFn: ({ variantId, tier }: { variantId: string; tier: number | null }) =>
      tier === null
        ? sdk.client.fetch(`/admin/products/${product.id}/variants/${variantId}/access-plan`, { method: "DELETE" })
        : sdk.client.fetch(`/admin/products/${product.id}/variants/${variantId}/access-plan`, {
            method: "POST",
            body: { tier },
          }),
    onSuccess: () => {
      toast.success("Access tier saved")
      queryClient.invalidateQueries({ queryKey: plansKey(product.id) })
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const planOf = (variantId: string) => data?.access_plans.find((p) => p.variant_id === variantId)

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Access tiers</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Buying a variant grants its tier (1 basic, 2 premium, 3 VIP). Empty: grants nothing.
        </Text>
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {error instanceof Error ? error.message : "Could not load access tiers"}
        </Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Variant</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(product.variants ?? []).map((variant) => {
              const plan = planOf(variant.id)
              const draft = drafts[variant.id] ?? (plan ? String(plan.tier) : "")
              const parsed = draft.trim() === "" ? null : Number(draft)
              const valid = parsed === null || (Number.isInteger(parsed) && parsed >= 1)
              return (
                <Table.Row key={variant.id}>
                  <Table.Cell>{variant.title}</Table.Cell>
                  <Table.Cell>
                    <div className="flex items-center gap-2">
                      <Input
                        aria-label={`Tier of ${variant.title}`}
                        size="small"
                        className="w-20"
                        inputMode="numeric"
                        value={draft}
                        onChange={(e) => setDrafts({ ...drafts, [variant.id]: e.target.value })}
                      />
                      {plan ? <Badge size="2xsmall">tier {plan.tier}</Badge> : <Badge size="2xsmall" color="grey">none</Badge>}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Button
                      size="small"
                      variant="secondary"
                      disabled={!valid || save.isPending || (parsed === null && !plan) || parsed === plan?.tier}
                      onClick={() => save.mutate({ variantId: variant.id, tier: parsed })}
                    >
                      {parsed === null && plan ? "Remove" : "Save"}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductAccessPlansWidget
