import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { Course, courseKeys, errorText, tierLabel } from "../lib/api"
import { sdk } from "../lib/sdk"

type AccessPlan = { id: string; variant_id: string; tier: number; duration_days: number | null }
type Draft = { tier: string; duration: string }

const STATUS_COLOR = { draft: "grey", published: "green", archived: "orange" } as const
const toHandle = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)

/** "" -> null; a whole number >= 1 -> it; anything else -> undefined (invalid). */
const parseOptional = (s: string): number | null | undefined => {
  if (s.trim() === "") return null
  const n = Number(s)
  return Number.isInteger(n) && n >= 1 ? n : undefined
}

function CourseLink({ product }: { product: AdminProduct }) {
  const navigate = useNavigate()
  const client = useQueryClient()
  const { data, isLoading, error } = useQuery({
    queryKey: [...courseKeys.all, "by-product", product.id],
    queryFn: () => sdk.client.fetch<{ courses: Course[] }>("/admin/courses", { query: { product_id: product.id, limit: 1 } }),
  })
  const create = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ course: Course }>("/admin/courses", {
        method: "POST",
        body: { product_id: product.id, title: product.title, handle: toHandle(product.handle || product.title) },
      }),
    onSuccess: ({ course }) => {
      client.invalidateQueries({ queryKey: courseKeys.all })
      toast.success("Course created")
      navigate(`/courses/${course.id}`)
    },
    onError: (e) => toast.error(errorText(e, "The course was not created")),
  })
  const course = data?.courses[0]
  if (error) return <Text size="small" className="text-ui-fg-error" role="alert">{errorText(error, "Could not load the course")}</Text>
  if (isLoading) return <Text size="small">Loading…</Text>
  return course ? (
    <div className="flex items-center justify-between gap-2">
      <div className="flex items-center gap-2">
        <Text size="small" weight="plus">{course.title}</Text>
        <Badge size="2xsmall" color={STATUS_COLOR[course.status]}>{course.status}</Badge>
      </div>
      <Button size="small" variant="secondary" asChild>
        <Link to={`/courses/${course.id}`}>Open course builder</Link>
      </Button>
    </div>
  ) : (
    <div className="flex items-center justify-between gap-2">
      <Text size="small" className="text-ui-fg-subtle">This product sells no course yet.</Text>
      <Button size="small" variant="secondary" isLoading={create.isPending} onClick={() => create.mutate()}>
        Create course from this product
      </Button>
    </div>
  )
}

/**
 * Product page: the course the product sells, and the access plan of each variant (the tier
 * a purchase grants and for how many days; empty = lifetime). Org catalog staff only.
 */
const ProductCourseAccessWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const client = useQueryClient()
  const key = courseKeys.plans(product.id)
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
  // Same query as CourseLink's (shared cache): the course's names for its tiers.
  const course = useQuery({
    queryKey: [...courseKeys.all, "by-product", product.id],
    queryFn: () => sdk.client.fetch<{ courses: Course[] }>("/admin/courses", { query: { product_id: product.id, limit: 1 } }),
  })
  const tierDetails = course.data?.courses[0]?.tier_details
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const save = useMutation({
    mutationFn: ({ variantId, tier, duration }: { variantId: string; tier: number | null; duration: number | null }) =>
      sdk.client.fetch(`/admin/products/${product.id}/variants/${variantId}/access-plan`, {
        method: tier === null ? "DELETE" : "POST",
        ...(tier === null ? {} : { body: { tier, duration_days: duration } }),
      }),
    onSuccess: (_r, { variantId, tier }) => {
      toast.success(tier === null ? "Access plan removed" : "Access plan saved")
      setDrafts(({ [variantId]: _done, ...rest }) => rest)
      client.invalidateQueries({ queryKey: key })
    },
    onError: (e) => toast.error(errorText(e, "The access plan was not saved")),
  })
  const planOf = (variantId: string) => data?.access_plans.find((p) => p.variant_id === variantId)

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Course & access</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Buying a variant grants its tier (1 basic, 2 premium, 3 VIP) for the days given, or for life. No tier: grants nothing.
        </Text>
      </div>
      <div className="px-6 py-4">
        <CourseLink product={product} />
      </div>
      {error || variants.error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error ?? variants.error, "Could not load access plans")}</Text>
      ) : isLoading || variants.isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Variant</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell>Days of access</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(variants.data?.variants ?? []).map((variant) => {
              const plan = planOf(variant.id)
              const draft = drafts[variant.id] ?? {
                tier: plan ? String(plan.tier) : "",
                duration: plan?.duration_days ? String(plan.duration_days) : "",
              }
              const tier = parseOptional(draft.tier)
              const duration = parseOptional(draft.duration)
              const valid = tier !== undefined && duration !== undefined && !(tier === null && duration !== null)
              const unchanged = (tier ?? null) === (plan?.tier ?? null) && (duration ?? null) === (plan?.duration_days ?? null)
              const set = (patch: Partial<Draft>) => setDrafts({ ...drafts, [variant.id]: { ...draft, ...patch } })
              return (
                <Table.Row key={variant.id}>
                  <Table.Cell>
                    <div className="flex items-center gap-2">
                      {variant.title}
                      {plan ? <Badge size="2xsmall" title={`tier ${plan.tier}`}>{tierLabel(plan.tier, tierDetails, [variant.title])}</Badge> : <Badge size="2xsmall" color="grey">none</Badge>}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Input aria-label={`Tier of ${variant.title}`} size="small" className="w-20" inputMode="numeric" value={draft.tier} onChange={(e) => set({ tier: e.target.value })} />
                  </Table.Cell>
                  <Table.Cell>
                    <Input
                      aria-label={`Days of access of ${variant.title}`}
                      size="small"
                      className="w-24"
                      inputMode="numeric"
                      placeholder="lifetime"
                      value={draft.duration}
                      onChange={(e) => set({ duration: e.target.value })}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <Button
                      size="small"
                      variant="secondary"
                      aria-label={`Save access plan of ${variant.title}`}
                      disabled={!valid || unchanged || save.isPending || (tier === null && !plan)}
                      onClick={() => save.mutate({ variantId: variant.id, tier: tier ?? null, duration: duration ?? null })}
                    >
                      {tier === null && plan ? "Remove" : "Save"}
                    </Button>
                    {!valid && (
                      <Text size="xsmall" className="text-ui-fg-error" role="alert">
                        {tier === undefined ? "Tier: a whole number from 1" : tier === null ? "Set a tier first" : "Days: a whole number from 1, or empty"}
                      </Text>
                    )}
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

export default ProductCourseAccessWidget
