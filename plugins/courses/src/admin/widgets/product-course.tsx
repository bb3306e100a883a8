import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Link, useNavigate } from "react-router-dom"
import { Course, courseKeys, errorText } from "../lib/api"
import { sdk } from "../lib/sdk"

const STATUS_COLOR = { draft: "grey", published: "green", archived: "orange" } as const
const toHandle = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)

/**
 * Product page: the course the product sells, with a link to its builder (or a button
 * creating it). What each variant grants is the access plans widget of @volmify/access.
 */
const ProductCourseWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
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
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Course & access</Heading>
        <Text size="small" className="text-ui-fg-subtle">The course this product sells; what each variant grants is set under "Access plans".</Text>
      </div>
      <div className="px-6 py-4">
        {error ? (
          <Text size="small" className="text-ui-fg-error" role="alert">{errorText(error, "Could not load the course")}</Text>
        ) : isLoading ? (
          <Text size="small">Loading…</Text>
        ) : course ? (
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
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductCourseWidget
