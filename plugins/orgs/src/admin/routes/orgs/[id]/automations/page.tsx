import { Badge, Button, Checkbox, Container, Heading, Input, Label, Select, Table, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { orgApi, orgQueryKeys, useOrg } from "../../../../lib/queries"
import { sdk } from "../../../../lib/sdk"
import { MERGE_FIELDS } from "../../../../../rules/automation-fields"
import { INVITER_ROLES, type EmployeeRole } from "../../../../../rules/roles"

type EmailText = { subject: string; body: string }
type EmailStep = { type: "email"; subject: string; body: string; translations?: Record<string, EmailText> }
type Step = { type: "wait"; days?: number; hours?: number } | EmailStep
type Sequence = {
  id: string
  name: string
  status: "draft" | "active" | "paused"
  trigger_type: string
  trigger_ref: string | null
  /** no_lesson_opened: days without a lesson opened. */
  trigger_days?: number | null
  steps: Step[]
  exit_on_purchase: boolean
  exit_product_id: string | null
  runs?: Record<string, number>
  /** Per locale the org enabled besides its default: the email steps (1-based) without a translation. */
  missing_translations?: Record<string, number[]>
}

const TRIGGERS: Record<string, string> = {
  member_joined: "Joined the org",
  product_bought: "Bought a product",
  course_enrolled: "Enrolled in a course",
  course_completed: "Completed a course",
  no_lesson_opened: "No lesson opened for N days",
  lead_magnet_opt_in: "Opted in to a lead magnet (confirmed)",
}
const NEW: Omit<Sequence, "id"> = {
  name: "",
  status: "draft",
  trigger_type: "member_joined",
  trigger_ref: null,
  exit_on_purchase: true,
  exit_product_id: null,
  steps: [
    { type: "email", subject: "Welcome, {{first_name}}!", body: "Thanks for joining {{org_name}}.\n\nStart here: {{course_link}}" },
    { type: "wait", days: 2 },
    { type: "email", subject: "A tip for you", body: "Open one lesson a day." },
  ],
}

const keys = (id: string) => [...orgQueryKeys.all, "automations", id] as const

/** Email automations of one org: sequences with their trigger, steps, exit condition and a preview. */
const AutomationsPage = () => {
  const { id = "" } = useParams()
  const org = useOrg(id)
  const list = useQuery({ queryKey: keys(id), queryFn: () => sdk.client.fetch<{ automations: Sequence[] }>(`/admin/orgs/${id}/automations`) })
  const [editing, setEditing] = useState<(Omit<Sequence, "id"> & { id?: string }) | null>(null)
  const role = org.data?.org.role
  const canEdit = role === "platform" || INVITER_ROLES.includes(role as EmployeeRole)
  const defaultLocale = org.data?.org.branding?.default_locale || "en"
  const otherLocales = (org.data?.org.branding?.locales ?? []).filter((l) => l && l !== defaultLocale)
  if (list.error) {
    return (
      <Container>
        <Text className="text-ui-fg-error" role="alert">{list.error instanceof Error ? list.error.message : "Could not load automations"}</Text>
        <Link to={`/orgs/${id}`}>Back to the organization</Link>
      </Container>
    )
  }
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Heading level="h1">Email automations</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {org.data?.org.name ?? "…"} · marketing emails carry a one-click unsubscribe link; unsubscribed and bounced addresses are skipped
          </Text>
        </div>
        <div className="flex gap-2">
          <Link to={`/orgs/${id}`}><Button variant="secondary" size="small">Organization</Button></Link>
          {canEdit && <Button size="small" onClick={() => setEditing({ ...NEW, steps: NEW.steps.map((s) => ({ ...s })) })}>New sequence</Button>}
        </div>
      </Container>
      {editing && <Editor orgId={id} initial={editing} defaultLocale={defaultLocale} locales={otherLocales} onClose={() => setEditing(null)} />}
      <Container className="overflow-x-auto">
        {list.isLoading ? (
          <Text>Loading…</Text>
        ) : !list.data?.automations.length ? (
          <Text className="text-ui-fg-subtle">No sequences yet.{canEdit ? " Start with “New sequence”." : ""}</Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Trigger</Table.HeaderCell>
                <Table.HeaderCell>Steps</Table.HeaderCell>
                <Table.HeaderCell>Recipients</Table.HeaderCell>
                {otherLocales.length > 0 && <Table.HeaderCell>Translations</Table.HeaderCell>}
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {list.data.automations.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    {s.name} <Badge size="2xsmall" color={s.status === "active" ? "green" : "grey"}>{s.status}</Badge>
                  </Table.Cell>
                  <Table.Cell>
                    {TRIGGERS[s.trigger_type]}
                    {s.trigger_days ? `: ${s.trigger_days} days` : ""}
                    {s.trigger_ref ? ` (${s.trigger_ref})` : ""}
                  </Table.Cell>
                  <Table.Cell>{s.steps.length}</Table.Cell>
                  <Table.Cell>{Object.entries(s.runs ?? {}).map(([k, v]) => `${v} ${k}`).join(", ") || "none"}</Table.Cell>
                  {otherLocales.length > 0 && (
                    <Table.Cell>
                      <div className="flex flex-wrap gap-1">
                        {otherLocales.map((l) => {
                          const missing = s.missing_translations?.[l]?.length ?? 0
                          return (
                            <Badge key={l} size="2xsmall" color={missing ? "orange" : "green"} data-testid={`automation-translations-${l}`}>
                              {l}: {missing ? `${missing} missing` : "complete"}
                            </Badge>
                          )
                        })}
                      </div>
                    </Table.Cell>
                  )}
                  <Table.Cell>{canEdit && <Button size="small" variant="secondary" onClick={() => setEditing(s)}>Edit</Button>}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Container>
    </div>
  )
}

/** An email step's words in `locale` for editing: its translation, or empty fields (the default text shows as placeholder). */
const textIn = (step: EmailStep, locale: string | null): EmailText =>
  locale === null ? { subject: step.subject, body: step.body } : step.translations?.[locale] ?? { subject: "", body: "" }

/** The step with its words in `locale` replaced; a translation emptied of both fields is removed. */
function withText(step: EmailStep, locale: string | null, patch: Partial<EmailText>): EmailStep {
  if (locale === null) return { ...step, ...patch }
  const next = { ...textIn(step, locale), ...patch }
  const translations = { ...(step.translations ?? {}) }
  if (!next.subject && !next.body) delete translations[locale]
  else translations[locale] = next
  return { ...step, translations }
}

function Editor({
  orgId,
  initial,
  defaultLocale,
  locales,
  onClose,
}: {
  orgId: string
  initial: Omit<Sequence, "id"> & { id?: string }
  defaultLocale: string
  /** The org's locales besides its default. */
  locales: string[]
  onClose: () => void
}) {
  const client = useQueryClient()
  const [form, setForm] = useState(initial)
  /** The language being edited: null for the default (the step's own subject and body). */
  const [locale, setLocale] = useState<string | null>(null)
  const emailSteps = form.steps.flatMap((s, i) => (s.type === "email" ? [{ step: s, n: i + 1 }] : []))
  const missingIn = (l: string) => emailSteps.filter(({ step }) => !step.translations?.[l]).length
  const halfDone = emailSteps.flatMap(({ step, n }) =>
    Object.entries(step.translations ?? {}).filter(([, t]) => !t.subject.trim() || !t.body.trim()).map(([l]) => `step ${n} (${l})`)
  )
  const [preview, setPreview] = useState<{ subject: string; html: string } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }))
  const setStep = (i: number, patch: Partial<Step>) => set({ steps: form.steps.map((s, j) => (j === i ? ({ ...s, ...patch } as Step) : s)) })
  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = {
        name: form.name,
        status: form.status,
        trigger_ref: form.trigger_ref || null,
        ...(form.trigger_type === "no_lesson_opened" ? { trigger_days: form.trigger_days ?? null } : {}),
        steps: form.steps,
        exit_on_purchase: form.exit_on_purchase,
        exit_product_id: form.exit_product_id || null,
      }
      return form.id ? orgApi(orgId, `/automations/${form.id}`, "POST", body) : orgApi(orgId, "/automations", "POST", { ...body, trigger_type: form.trigger_type })
    },
    onSuccess: () => {
      toast.success("Sequence saved")
      client.invalidateQueries({ queryKey: keys(orgId) })
      onClose()
    },
    onError: (e: Error) => setProblem(e.message),
  })
  const remove = useMutation({
    mutationFn: () => orgApi(orgId, `/automations/${form.id}`, "DELETE"),
    onSuccess: () => (toast.success("Sequence deleted"), client.invalidateQueries({ queryKey: keys(orgId) }), onClose()),
    onError: (e: Error) => setProblem(e.message),
  })
  const showPreview = useMutation({
    mutationFn: (step: { subject: string; body: string }) => orgApi<{ preview: { subject: string; html: string } }>(orgId, "/automation-preview", "POST", step),
    onSuccess: (r) => setPreview(r.preview),
    onError: (e: Error) => setProblem(e.message),
  })
  return (
    <Container className="flex flex-col gap-y-3">
      <Heading level="h2">{form.id ? `Edit “${initial.name}”` : "New sequence"}</Heading>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <div>
          <Label htmlFor="seq-name">Name</Label>
          <Input id="seq-name" value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </div>
        <div>
          <Label>Status</Label>
          <Select value={form.status} onValueChange={(v) => set({ status: v as Sequence["status"] })}>
            <Select.Trigger><Select.Value /></Select.Trigger>
            <Select.Content>
              {["draft", "active", "paused"].map((s) => <Select.Item key={s} value={s}>{s}</Select.Item>)}
            </Select.Content>
          </Select>
        </div>
        <div>
          <Label>Trigger</Label>
          <Select value={form.trigger_type} disabled={!!form.id} onValueChange={(v) => set({ trigger_type: v, trigger_ref: null, trigger_days: v === "no_lesson_opened" ? 7 : null })}>
            <Select.Trigger><Select.Value /></Select.Trigger>
            <Select.Content>
              {Object.entries(TRIGGERS).map(([k, v]) => <Select.Item key={k} value={k}>{v}</Select.Item>)}
            </Select.Content>
          </Select>
        </div>
        {form.trigger_type !== "member_joined" && (
          <div>
            <Label htmlFor="seq-ref">
              {form.trigger_type === "product_bought"
                ? "Product id (leave empty for every product)"
                : form.trigger_type === "lead_magnet_opt_in"
                  ? "Lead-magnet course id (leave empty for every lead magnet)"
                  : "Course id (leave empty for every course)"}
            </Label>
            <Input id="seq-ref" value={form.trigger_ref ?? ""} onChange={(e) => set({ trigger_ref: e.target.value })} />
          </div>
        )}
        {form.trigger_type === "no_lesson_opened" && (
          <div>
            <Label htmlFor="seq-days">Days without a lesson opened (1-365)</Label>
            <Input
              id="seq-days"
              type="number"
              min={1}
              max={365}
              value={form.trigger_days ?? ""}
              onChange={(e) => set({ trigger_days: e.target.value === "" ? null : Number(e.target.value) })}
            />
          </div>
        )}
        <div className="flex items-center gap-2">
          <Checkbox id="seq-exit" checked={form.exit_on_purchase} onCheckedChange={(v) => set({ exit_on_purchase: v === true })} />
          <Label htmlFor="seq-exit">Stop when the customer buys</Label>
        </div>
        {form.exit_on_purchase && (
          <div>
            <Label htmlFor="seq-exit-product">Only this product id (leave empty for every order)</Label>
            <Input id="seq-exit-product" value={form.exit_product_id ?? ""} onChange={(e) => set({ exit_product_id: e.target.value })} />
          </div>
        )}
      </div>
      <Text size="small" className="text-ui-fg-subtle">Merge fields: {MERGE_FIELDS.map((f) => `{{${f}}}`).join(" ")}</Text>
      {locales.length > 0 && (
        <div className="flex flex-col gap-1">
          <Label>Language of the emails you are editing</Label>
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Email language">
            <Button size="small" variant={locale === null ? "primary" : "secondary"} onClick={() => setLocale(null)}>
              {defaultLocale} (default)
            </Button>
            {locales.map((l) => {
              const missing = missingIn(l)
              return (
                <Button key={l} size="small" variant={locale === l ? "primary" : "secondary"} onClick={() => setLocale(l)}>
                  {l}
                  {missing ? ` · ${missing} of ${emailSteps.length} missing` : " · complete"}
                </Button>
              )
            })}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {locale === null
              ? "Customers whose language has no translation get these words."
              : `Customers who chose ${locale} get these words; an email left empty here goes out in ${defaultLocale}.`}
          </Text>
        </div>
      )}
      {form.steps.map((step, i) => (
        <div key={i} className="flex flex-col gap-2 rounded-md border p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Text weight="plus">Step {i + 1}: {step.type === "wait" ? "wait" : "send an email"}</Text>
            <Button size="small" variant="transparent" onClick={() => set({ steps: form.steps.filter((_, j) => j !== i) })}>Remove</Button>
          </div>
          {step.type === "wait" ? (
            <div className="flex flex-wrap gap-2">
              <Label>Days <Input type="number" min={0} value={step.days ?? 0} onChange={(e) => setStep(i, { days: Number(e.target.value) })} /></Label>
              <Label>Hours <Input type="number" min={0} value={step.hours ?? 0} onChange={(e) => setStep(i, { hours: Number(e.target.value) })} /></Label>
            </div>
          ) : (
            <>
              {locale !== null && !step.translations?.[locale] && (
                <Badge size="2xsmall" color="orange" className="self-start">No {locale} translation: goes out in {defaultLocale}</Badge>
              )}
              <Input
                aria-label={`Step ${i + 1} subject${locale ? ` (${locale})` : ""}`}
                value={textIn(step, locale).subject}
                placeholder={locale ? step.subject : undefined}
                onChange={(e) => set({ steps: form.steps.map((s, j) => (j === i ? withText(step, locale, { subject: e.target.value }) : s)) })}
              />
              <Textarea
                aria-label={`Step ${i + 1} body${locale ? ` (${locale})` : ""}`}
                rows={5}
                value={textIn(step, locale).body}
                placeholder={locale ? step.body : undefined}
                onChange={(e) => set({ steps: form.steps.map((s, j) => (j === i ? withText(step, locale, { body: e.target.value }) : s)) })}
              />
              <div>
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={showPreview.isPending}
                  onClick={() => {
                    const t = textIn(step, locale)
                    showPreview.mutate(t.subject && t.body ? t : { subject: step.subject, body: step.body })
                  }}
                >
                  Preview
                </Button>
              </div>
            </>
          )}
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button size="small" variant="secondary" onClick={() => set({ steps: [...form.steps, { type: "email", subject: "", body: "" }] })}>Add email</Button>
        <Button size="small" variant="secondary" onClick={() => set({ steps: [...form.steps, { type: "wait", days: 1 }] })}>Add wait</Button>
      </div>
      {preview && (
        <div className="flex flex-col gap-1">
          <Text weight="plus">Preview: {preview.subject}</Text>
          {/* The rendered email, sandboxed: no scripts, no same-origin access. */}
          <iframe title="Email preview" sandbox="" srcDoc={preview.html} className="h-[480px] w-full rounded-md border bg-white" />
        </div>
      )}
      {problem && <Text className="text-ui-fg-error" role="alert">{problem}</Text>}
      <div className="flex flex-wrap gap-2">
        <Button
          size="small"
          isLoading={save.isPending}
          onClick={() => {
            if (halfDone.length) return setProblem(`A translation needs both a subject and a body: ${halfDone.join(", ")}`)
            setProblem(null)
            save.mutate()
          }}
        >
          Save
        </Button>
        <Button size="small" variant="secondary" onClick={onClose}>Cancel</Button>
        {form.id && <Button size="small" variant="danger" isLoading={remove.isPending} onClick={() => remove.mutate()}>Delete</Button>}
      </div>
    </Container>
  )
}

export default AutomationsPage
