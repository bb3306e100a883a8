import { Badge, Button, Container, Heading, Label, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { AddForm } from "../../../components/fields"
import { Apply, OutlineTree } from "../../../components/outline-tree"
import { Course, courseKeys, errorText, Module, tierLabel, useCourse, useLessons, useOutline, useTierVariants } from "../../../lib/api"
import { addModule, outlinePayload } from "../../../lib/outline"
import { sdk } from "../../../lib/sdk"

/** Saves the whole outline; the tree changes at once and rolls back with a toast if the server refuses. */
function useOutlineSaver(id: string) {
  const client = useQueryClient()
  const key = courseKeys.outline(id)
  const save = useMutation({
    mutationFn: ({ previous, next }: { previous: Module[]; next: Module[] }) =>
      sdk.client.fetch<{ modules: Module[] }>(`/admin/courses/${id}/outline`, { method: "POST", body: outlinePayload(previous, next) }),
    onMutate: async ({ previous, next }) => {
      await client.cancelQueries({ queryKey: key })
      client.setQueryData(key, { modules: next })
      return { previous }
    },
    onError: (e, _vars, context) => {
      if (context) client.setQueryData(key, { modules: context.previous })
      toast.error(errorText(e, "The outline was not saved"))
    },
    onSuccess: (data) => {
      client.setQueryData(key, data)
      client.invalidateQueries({ queryKey: courseKeys.lessons })
    },
  })
  const apply: Apply = (change) => {
    const previous = client.getQueryData<{ modules: Module[] }>(key)?.modules ?? []
    const next = change(previous)
    if (next !== previous) save.mutate({ previous, next })
  }
  return { apply, busy: save.isPending }
}

function PublishBar({ course }: { course: Course }) {
  const client = useQueryClient()
  const [refusal, setRefusal] = useState<string | null>(null)
  const tiers = useTierVariants(course.product_id)
  const publish = useMutation({
    mutationFn: (action: "publish" | "unpublish") =>
      sdk.client.fetch<{ course: Course }>(`/admin/courses/${course.id}/${action}`, { method: "POST", body: {} }),
    onSuccess: (data, action) => {
      setRefusal(null)
      client.setQueryData(courseKeys.detail(course.id), (old: { course: Course } | undefined) => ({ course: { ...old?.course, ...data.course } }))
      client.invalidateQueries({ queryKey: courseKeys.all })
      toast.success(action === "publish" ? "Course published" : "Course unpublished")
    },
    // The refusal stays on the page (not a toast): it says what to fix.
    onError: (e) => setRefusal(errorText(e, "The server refused")),
  })
  const certificates = useMutation({
    mutationFn: (on: boolean) => sdk.client.fetch<{ course: Course }>(`/admin/courses/${course.id}`, { method: "POST", body: { certificates_enabled: on } }),
    onSuccess: (data) => {
      client.setQueryData(courseKeys.detail(course.id), (old: { course: Course } | undefined) => ({ course: { ...old?.course, ...data.course } }))
      toast.success(data.course.certificates_enabled ? "Certificates on: students get one when they complete" : "Certificates off")
    },
    onError: (e) => toast.error(errorText(e, "Not saved")),
  })
  const leadMagnet = useMutation({
    mutationFn: (on: boolean) => sdk.client.fetch<{ course: Course }>(`/admin/courses/${course.id}`, { method: "POST", body: { lead_magnet: on } }),
    onSuccess: (data) => {
      client.setQueryData(courseKeys.detail(course.id), (old: { course: Course } | undefined) => ({ course: { ...old?.course, ...data.course } }))
      toast.success(
        data.course.lead_magnet
          ? "Lead magnet on: visitors enroll with only their email (give the course a tier priced 0)"
          : "Lead magnet off"
      )
    },
    onError: (e) => toast.error(errorText(e, "Not saved")),
  })
  const published = course.status === "published"
  return (
    <Container className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Heading level="h1">{course.title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            /{course.handle} ·{" "}
            <Link className="text-ui-fg-interactive" to={`/products/${course.product_id}`}>
              product
            </Link>{" "}
            · tiers sold:{" "}
            {tiers.data?.length
              ? tiers.data.map((t) => tierLabel(t.tier, course.tier_details, t.variants)).join(", ")
              : "none yet (set them on the product's Access tiers)"}{" "}
            ·{" "}
            <Link className="text-ui-fg-interactive" to={`/courses/${course.id}/details`}>
              Edit details (image, description, instructors, tiers, FAQ)
            </Link>
          </Text>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Switch
            id="course-certificates"
            checked={!!course.certificates_enabled}
            disabled={certificates.isPending}
            onCheckedChange={(on) => certificates.mutate(on)}
          />
          <Label htmlFor="course-certificates" className="txt-compact-small">
            Certificate on completion
          </Label>
          <Switch
            id="course-lead-magnet"
            checked={!!course.lead_magnet}
            disabled={leadMagnet.isPending}
            onCheckedChange={(on) => leadMagnet.mutate(on)}
          />
          <Label htmlFor="course-lead-magnet" className="txt-compact-small" title="Free for an email: needs a tier priced 0">
            Lead magnet (free for an email)
          </Label>
          <Button size="small" variant="secondary" asChild>
            <Link to={`/courses/${course.id}/students`}>Students</Link>
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to={`/analytics/courses/${course.id}`}>Analytics</Link>
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to={`/courses/${course.id}/translations`}>Translations</Link>
          </Button>
          <Badge color={published ? "green" : "grey"}>{course.status}</Badge>
          <Button size="small" variant={published ? "secondary" : "primary"} isLoading={publish.isPending} onClick={() => publish.mutate(published ? "unpublish" : "publish")}>
            {published ? "Unpublish" : "Publish"}
          </Button>
        </div>
      </div>
      {refusal && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {refusal}
        </Text>
      )}
    </Container>
  )
}

/** Course builder: the outline as a tree, tiers, previews and drip, publish. */
const CourseBuilderPage = () => {
  const { id = "" } = useParams()
  const course = useCourse(id)
  const outline = useOutline(id)
  // The course's own org's library (platform operators see every org's otherwise).
  const lessons = useLessons("", course.data?.course.org_id ?? "")
  const { apply, busy } = useOutlineSaver(id)
  const error = course.error ?? outline.error
  if (error) {
    return (
      <Container>
        <Text className="text-ui-fg-error" role="alert">
          {errorText(error, "Could not load the course")}
        </Text>
      </Container>
    )
  }
  if (!course.data || !outline.data) {
    return (
      <Container>
        <Text>Loading…</Text>
      </Container>
    )
  }
  const library = (lessons.data?.lessons ?? []).map((l) => ({ id: l.id, title: l.title, type: l.type, used_in: l.used_in }))
  return (
    <div className="flex flex-col gap-y-3">
      <PublishBar course={course.data.course} />
      <Container className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <Heading level="h2">Outline</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              A lesson needs the highest tier of its module, section and its own. Changes save at once.{" "}
              <Link className="text-ui-fg-interactive" to="/lessons">
                Lesson library
              </Link>
            </Text>
          </div>
          <Text size="small" className="text-ui-fg-muted" aria-live="polite">
            {busy ? "Saving…" : "All changes saved"}
          </Text>
        </div>
        {outline.data.modules.length === 0 && <Text className="text-ui-fg-subtle">No modules yet: add the first one below.</Text>}
        <OutlineTree modules={outline.data.modules} library={library} busy={busy} apply={apply} />
        <AddForm label="New module title" button="Add module" disabled={busy} onAdd={(title) => apply((m) => addModule(m, title))} />
      </Container>
    </div>
  )
}

export default CourseBuilderPage
