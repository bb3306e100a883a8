import { Button, FocusModal, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { PickField } from "../../components/fields"
import { Course, courseKeys, errorText } from "../../lib/api"
import { sdk } from "../../lib/sdk"

type ProductOption = { id: string; title: string; handle: string | null }

const toHandle = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)

/** "Create course": a draft course for one of the org's products. */
export function CreateCourseModal() {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({ product_id: "", title: "", handle: "" })
  const [problem, setProblem] = useState<string | null>(null)
  const navigate = useNavigate()
  const client = useQueryClient()
  const products = useQuery({
    queryKey: ["volmify", "course-products"],
    enabled: open,
    queryFn: () =>
      sdk.client.fetch<{ products: ProductOption[] }>("/admin/products", { query: { fields: "id,title,handle", limit: 100, order: "-created_at" } }),
  })
  const create = useMutation({
    mutationFn: () => sdk.client.fetch<{ course: Course }>("/admin/courses", { method: "POST", body: form }),
    onSuccess: ({ course }) => {
      client.invalidateQueries({ queryKey: courseKeys.all })
      toast.success("Course created")
      setOpen(false)
      navigate(`/courses/${course.id}`)
    },
    onError: (e) => setProblem(errorText(e, "The course was not created")),
  })
  const pickProduct = (id: string) => {
    const p = products.data?.products.find((x) => x.id === id)
    setForm({ product_id: id, title: form.title || p?.title || "", handle: form.handle || toHandle(p?.handle || p?.title || "") })
  }
  return (
    <FocusModal open={open} onOpenChange={(o) => (setOpen(o), setProblem(null))}>
      <FocusModal.Trigger asChild>
        <Button size="small" variant="secondary">
          Create course
        </Button>
      </FocusModal.Trigger>
      <FocusModal.Content>
        <form
          className="flex h-full flex-col"
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate()
          }}
        >
          <FocusModal.Header>
            <Button type="submit" size="small" isLoading={create.isPending} disabled={!form.product_id || !form.title || !form.handle}>
              Create
            </Button>
          </FocusModal.Header>
          <FocusModal.Body className="flex flex-col items-center overflow-y-auto py-12">
            <div className="flex w-full max-w-lg flex-col gap-y-5">
              <div>
                <Heading>Create a course</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  A course is sold through one product: its variants' access plans are the tiers.
                </Text>
              </div>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor="course-product">Product</Label>
                {products.error ? (
                  <Text className="text-ui-fg-error">{errorText(products.error, "Could not load products")}</Text>
                ) : (
                  <PickField
                    label="Product"
                    value={form.product_id}
                    options={[
                      { value: "", label: products.isLoading ? "Loading products…" : "Pick a product…" },
                      ...(products.data?.products ?? []).map((p) => ({ value: p.id, label: p.title })),
                    ]}
                    onChange={pickProduct}
                  />
                )}
              </div>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor="course-title">Title</Label>
                <Input id="course-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
              </div>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor="course-handle">Handle</Label>
                <Input id="course-handle" value={form.handle} onChange={(e) => setForm({ ...form, handle: e.target.value })} />
                <Text size="xsmall" className="text-ui-fg-muted">
                  The storefront address: /courses/{form.handle || "…"}
                </Text>
              </div>
              {problem && (
                <Text size="small" className="text-ui-fg-error" role="alert">
                  {problem}
                </Text>
              )}
            </div>
          </FocusModal.Body>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}
