import { Button, Container, Heading, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useRef, useState } from "react"
import { Link, useParams } from "react-router-dom"
import {
  Course,
  courseKeys,
  errorText,
  FaqItem,
  Instructor,
  tierLabel,
  uploadPublicImage,
  useCourse,
  useInstructors,
  useTierVariants,
} from "../../../../lib/api"
import { sdk } from "../../../../lib/sdk"
import { SeoDraft, seoDraftOf, SeoFields, seoPayloadOf } from "../../../../components/seo-fields"

type Draft = {
  subtitle: string
  description: string
  level: "" | "beginner" | "intermediate" | "advanced"
  language: string
  thumbnail: string
  instructor_ids: string[]
  tiers: Record<number, { name: string; includes: string }>
  faq: FaqItem[]
  seo: SeoDraft
}

const EMPTY_TIER = { name: "", includes: "" }

const draftOf = (c: Course): Draft => ({
  subtitle: c.subtitle ?? "",
  description: c.description ?? "",
  level: c.level ?? "",
  language: c.language ?? "",
  thumbnail: c.thumbnail ?? "",
  instructor_ids: c.instructor_ids ?? [],
  tiers: Object.fromEntries((c.tier_details ?? []).map((t) => [t.tier, { name: t.name ?? "", includes: (t.includes ?? []).join("\n") }])),
  faq: c.faq ?? [],
  seo: seoDraftOf(c.seo),
})

/** The body POST /admin/courses/:id takes: empty strings become null, blank lines and FAQ rows are dropped. */
function payloadOf(d: Draft, tiers: number[]) {
  return {
    subtitle: d.subtitle.trim() || null,
    description: d.description.trim() || null,
    level: d.level || null,
    language: d.language.trim() || null,
    thumbnail: d.thumbnail.trim() || null,
    instructor_ids: d.instructor_ids,
    tier_details: tiers.map((tier) => ({
      tier,
      name: d.tiers[tier]?.name.trim() || null,
      includes: (d.tiers[tier]?.includes ?? "")
        .split("\n")
        .map((l) => l.replace(/^[-*•]\s*/, "").trim())
        .filter(Boolean),
    })),
    faq: d.faq.filter((f) => f.question.trim() || f.answer.trim()),
    seo: seoPayloadOf(d.seo),
  }
}

function ImageField({ label, value, onChange, inputId }: { label: string; value: string; onChange: (url: string) => void; inputId?: string }) {
  const input = useRef<HTMLInputElement>(null)
  const fileId = inputId ?? `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-file`
  const upload = useMutation({
    mutationFn: (file: File) => uploadPublicImage(file),
    onSuccess: (url) => onChange(url),
    onError: (e) => toast.error(errorText(e, "The image was not uploaded")),
  })
  return (
    <div className="flex flex-col gap-2">
      <Label>{label}</Label>
      <div className="flex flex-wrap items-center gap-3">
        {value ? (
          <img src={value} alt={`${label} preview`} className="h-20 w-32 rounded-md border object-cover" />
        ) : (
          <Text size="small" className="text-ui-fg-muted">
            No image yet
          </Text>
        )}
        <input
          ref={input}
          id={fileId}
          type="file"
          accept="image/*"
          aria-label={`Upload ${label.toLowerCase()}`}
          className="hidden"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) upload.mutate(file)
            e.target.value = ""
          }}
        />
        <Button size="small" variant="secondary" type="button" isLoading={upload.isPending} onClick={() => input.current?.click()}>
          Upload image
        </Button>
        {value && (
          <Button size="small" variant="transparent" type="button" onClick={() => onChange("")}>
            Remove
          </Button>
        )}
      </div>
      <Input size="small" aria-label={`${label} URL`} placeholder="https://…" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  )
}

/** One staff member's public profile, saved on its own (it shows on every course they teach). */
function InstructorProfile({ person, orgId }: { person: Instructor; orgId: string }) {
  const client = useQueryClient()
  const [form, setForm] = useState({ name: person.name, headline: person.headline ?? "", bio: person.bio ?? "", photo_url: person.photo_url ?? "" })
  const save = useMutation({
    mutationFn: () =>
      sdk.client.fetch(`/admin/instructors/${person.employee_id}`, {
        method: "POST",
        body: { name: form.name.trim(), headline: form.headline.trim() || null, bio: form.bio.trim() || null, photo_url: form.photo_url.trim() || null },
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["volmify", "instructors", orgId] })
      toast.success(`Profile of ${form.name} saved`)
    },
    onError: (e) => toast.error(errorText(e, "The profile was not saved")),
  })
  return (
    <div className="ml-6 flex flex-col gap-2 rounded-md border p-3" aria-label={`Profile of ${person.name}`}>
      <Input size="small" aria-label="Instructor name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <Input
        size="small"
        aria-label="Instructor headline"
        placeholder="Headline, e.g. Senior engineer"
        value={form.headline}
        onChange={(e) => setForm({ ...form, headline: e.target.value })}
      />
      <Textarea aria-label="Instructor bio" placeholder="Bio" rows={3} value={form.bio} onChange={(e) => setForm({ ...form, bio: e.target.value })} />
      <ImageField label="Photo" inputId={`photo-${person.employee_id}-file`} value={form.photo_url} onChange={(photo_url) => setForm({ ...form, photo_url })} />
      <div>
        <Button size="small" variant="secondary" type="button" isLoading={save.isPending} onClick={() => save.mutate()}>
          Save profile
        </Button>
      </div>
    </div>
  )
}

/** Course details: what the course page and catalog show (text, image, instructors, tiers, FAQ). */
const CourseDetailsPage = () => {
  const { id = "" } = useParams()
  const client = useQueryClient()
  const course = useCourse(id)
  const c = course.data?.course
  const tiers = useTierVariants(c?.product_id ?? "")
  const staff = useInstructors(c?.org_id ?? "")
  const [draft, setDraft] = useState<Draft | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (c && !draft) setDraft(draftOf(c))
  }, [c, draft])
  const tierNumbers = (tiers.data ?? []).map((t) => t.tier)
  const save = useMutation({
    mutationFn: (d: Draft) => sdk.client.fetch<{ course: Course }>(`/admin/courses/${id}`, { method: "POST", body: payloadOf(d, tierNumbers) }),
    onSuccess: (data) => {
      setProblem(null)
      client.setQueryData(courseKeys.detail(id), (old: { course: Course } | undefined) => ({ course: { ...old?.course, ...data.course } }))
      client.invalidateQueries({ queryKey: ["volmify", "instructors"] })
      toast.success("Course details saved")
    },
    onError: (e) => setProblem(errorText(e, "The details were not saved")),
  })
  if (course.error) {
    return (
      <Container>
        <Text className="text-ui-fg-error" role="alert">
          {errorText(course.error, "Could not load the course")}
        </Text>
      </Container>
    )
  }
  if (!c || !draft) {
    return (
      <Container>
        <Text>Loading…</Text>
      </Container>
    )
  }
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const setTier = (tier: number, patch: Partial<{ name: string; includes: string }>) =>
    set({ tiers: { ...draft.tiers, [tier]: { ...EMPTY_TIER, ...draft.tiers[tier], ...patch } } })
  return (
    <form
      className="flex flex-col gap-y-3"
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate(draft)
      }}
    >
      <Container className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Heading level="h1">Details: {c.title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What the course page and the catalog show.{" "}
            <Link className="text-ui-fg-interactive" to={`/courses/${id}`}>
              Back to the builder
            </Link>
          </Text>
        </div>
        <Button type="submit" isLoading={save.isPending}>
          Save details
        </Button>
        {problem && (
          <Text size="small" className="w-full text-ui-fg-error" role="alert">
            {problem}
          </Text>
        )}
      </Container>

      <Container className="flex flex-col gap-3">
        <Heading level="h2">About the course</Heading>
        <Label htmlFor="course-subtitle">Subtitle</Label>
        <Input id="course-subtitle" value={draft.subtitle} maxLength={500} onChange={(e) => set({ subtitle: e.target.value })} />
        <Label htmlFor="course-description">Description</Label>
        <Textarea id="course-description" rows={6} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        <div className="flex flex-wrap gap-4">
          <div className="flex flex-col gap-1">
            <Label htmlFor="course-level">Level</Label>
            <select
              id="course-level"
              className="rounded-md border bg-ui-bg-field px-2 py-1 txt-compact-small"
              value={draft.level}
              onChange={(e) => set({ level: e.target.value as Draft["level"] })}
            >
              <option value="">Not shown</option>
              <option value="beginner">Beginner</option>
              <option value="intermediate">Intermediate</option>
              <option value="advanced">Advanced</option>
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="course-language">Language</Label>
            <Input id="course-language" size="small" placeholder="en" value={draft.language} onChange={(e) => set({ language: e.target.value })} />
          </div>
        </div>
        <ImageField label="Course image" value={draft.thumbnail} onChange={(thumbnail) => set({ thumbnail })} />
      </Container>

      <Container className="flex flex-col gap-3">
        <Heading level="h2">Instructors</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Choose who teaches it from your staff; their name, photo and bio show on the course page.
        </Text>
        {staff.error && (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {errorText(staff.error, "Could not load the staff")}
          </Text>
        )}
        {(staff.data?.instructors ?? []).map((p) => {
          const chosen = draft.instructor_ids.includes(p.employee_id)
          return (
            <div key={p.employee_id} className="flex flex-col gap-2">
              <label className="flex items-center gap-2 txt-compact-small">
                <input
                  type="checkbox"
                  checked={chosen}
                  onChange={() =>
                    set({ instructor_ids: chosen ? draft.instructor_ids.filter((x) => x !== p.employee_id) : [...draft.instructor_ids, p.employee_id] })
                  }
                />
                {p.name} <span className="text-ui-fg-muted">({p.role})</span>
              </label>
              {chosen && p.has_profile && <InstructorProfile person={p} orgId={c.org_id} />}
              {chosen && !p.has_profile && (
                <Text size="small" className="ml-6 text-ui-fg-muted">
                  Save the details to create this instructor's profile, then add a photo and bio.
                </Text>
              )}
            </div>
          )
        })}
      </Container>

      <Container className="flex flex-col gap-3">
        <Heading level="h2">Tiers: names and what each includes</Heading>
        {!tierNumbers.length && (
          <Text size="small" className="text-ui-fg-subtle">
            No tiers yet: give the product's variants an access tier on the{" "}
            <Link className="text-ui-fg-interactive" to={`/products/${c.product_id}`}>
              product page
            </Link>
            .
          </Text>
        )}
        {(tiers.data ?? []).map((t) => (
          <div key={t.tier} className="flex flex-col gap-1 rounded-md border p-3" aria-label={`Tier ${t.tier}`}>
            <Text size="small" className="text-ui-fg-subtle">
              Tier {t.tier} · variants: {t.variants.join(", ")}
            </Text>
            <Label htmlFor={`tier-${t.tier}-name`}>Name</Label>
            <Input
              id={`tier-${t.tier}-name`}
              size="small"
              maxLength={80}
              placeholder={tierLabel(t.tier, null, t.variants)}
              value={draft.tiers[t.tier]?.name ?? ""}
              onChange={(e) => setTier(t.tier, { name: e.target.value })}
            />
            <Label htmlFor={`tier-${t.tier}-includes`}>What it includes (one per line)</Label>
            <Textarea
              id={`tier-${t.tier}-includes`}
              rows={3}
              value={draft.tiers[t.tier]?.includes ?? ""}
              onChange={(e) => setTier(t.tier, { includes: e.target.value })}
            />
          </div>
        ))}
      </Container>

      <Container className="flex flex-col gap-3">
        <Heading level="h2">FAQ</Heading>
        {draft.faq.map((f, i) => (
          <div key={i} className="flex flex-col gap-1 rounded-md border p-3" aria-label={`Question ${i + 1}`}>
            <Input
              size="small"
              aria-label={`Question ${i + 1}`}
              placeholder="Question"
              maxLength={300}
              value={f.question}
              onChange={(e) => set({ faq: draft.faq.map((x, j) => (j === i ? { ...x, question: e.target.value } : x)) })}
            />
            <Textarea
              aria-label={`Answer ${i + 1}`}
              placeholder="Answer"
              rows={2}
              value={f.answer}
              onChange={(e) => set({ faq: draft.faq.map((x, j) => (j === i ? { ...x, answer: e.target.value } : x)) })}
            />
            <div>
              <Button size="small" variant="transparent" type="button" onClick={() => set({ faq: draft.faq.filter((_, j) => j !== i) })}>
                Remove question
              </Button>
            </div>
          </div>
        ))}
        <div>
          <Button size="small" variant="secondary" type="button" onClick={() => set({ faq: [...draft.faq, { question: "", answer: "" }] })}>
            Add question
          </Button>
        </div>
      </Container>

      <SeoFields
        value={draft.seo}
        onChange={(patch) => set({ seo: { ...draft.seo, ...patch } })}
        defaults={{ title: c.title, subtitle: draft.subtitle, description: draft.description, thumbnail: draft.thumbnail }}
      />
    </form>
  )
}

export default CourseDetailsPage
