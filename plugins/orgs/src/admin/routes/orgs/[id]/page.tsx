import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { Employee, orgApi, OrgDetail, orgQueryKeys, useCurrentUser, useEmployees, useInvitations, useOrg } from "../../../lib/queries"
import { EMPLOYEE_ROLES, rolesFor } from "../../../../rules/roles"
import { builtInEmailCoverage } from "../../../../email/templates"

const ROLES = [...EMPLOYEE_ROLES]
const FONTS = ["system", "serif", "mono", "rounded"]
const FONT_STACK: Record<string, string> = {
  system: "ui-sans-serif, system-ui, sans-serif",
  serif: "ui-serif, Georgia, serif",
  mono: "ui-monospace, monospace",
  rounded: "ui-rounded, system-ui, sans-serif",
}

/** What creating or resending an invitation answers: its link's token (shown once) and the invitation. */
type InvitationResult = { token?: string; invitation?: { email: string; approved_at: string | null } }

/** Runs an org API call, refreshes the org's queries, toasts the outcome; `T` is the response body a caller reads. */
function useOrgAction<T = unknown>(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (call: { path?: string; method?: "POST" | "DELETE"; body?: unknown; done?: string }) =>
      orgApi<T>(id, call.path, call.method, call.body),
    onSuccess: (_data, call) => {
      toast.success(call.done ?? "Saved")
      client.invalidateQueries({ queryKey: orgQueryKeys.all })
    },
    onError: (e: Error) => toast.error(e.message),
  })
}

/** Org settings: profile, branding with a live preview, domains, staff and invitations. */
const OrgSettingsPage = () => {
  const { id = "" } = useParams()
  const { data, isLoading, error } = useOrg(id)
  if (error) {
    return (
      <Container>
        <Text className="text-ui-fg-error" role="alert">
          {error instanceof Error ? error.message : "Could not load the organization"}
        </Text>
      </Container>
    )
  }
  if (isLoading || !data) {
    return (
      <Container>
        <Text>Loading…</Text>
      </Container>
    )
  }
  const org = data.org
  const canManage = org.role === "platform" || (rolesFor("staff.manage") as string[]).includes(org.role)
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-center justify-between">
        <div>
          <Heading level="h1">{org.name}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {org.handle} · your role: {org.role}
          </Text>
        </div>
        <div className="flex items-center gap-2">
          <Link to={`/analytics?org_id=${org.id}`}>
            <Button size="small" variant="secondary">Analytics</Button>
          </Link>
          <Link to={`/orgs/${org.id}/automations`}>
            <Button size="small" variant="secondary">Email automations</Button>
          </Link>
          {(org.role === "platform" || org.role === "owner" || org.role === "admin") && (
            <Link to={`/orgs/${org.id}/webhooks`}>
              <Button size="small" variant="secondary">Webhooks</Button>
            </Link>
          )}
          <Badge color={org.status === "active" ? "green" : "orange"}>{org.status}</Badge>
        </div>
      </Container>
      <ProfileAndBranding org={org} canManage={canManage} />
      <RefundFeeBearer org={org} canManage={org.role === "platform"} />
      <Domains org={org} canManage={canManage} />
      <Staff id={org.id} role={org.role} />
      <Invitations id={org.id} role={org.role} />
    </div>
  )
}

/**
 * Which customer emails have built-in words in each of the school's languages (the rest go
 * out in English); automation emails are translated on the Automations page.
 */
function EmailLanguages({ locales }: { locales: string[] }) {
  const rows = [...new Set(locales)].map((l) => ({ locale: l, ...builtInEmailCoverage(l) })).filter((r) => r.language !== "en")
  if (!rows.length) return null
  return (
    <div className="flex flex-col gap-1" data-testid="email-languages">
      <Label>Built-in emails in your languages</Label>
      {rows.map((r) => (
        <Text key={r.locale} size="small" className={r.missing.length ? "text-ui-fg-subtle" : ""}>
          {r.locale}: {r.translated} of {r.total} customer emails
          {r.missing.length ? ` (the others go out in English: ${r.missing.join(", ")})` : " (all)"}
        </Text>
      ))}
      <Text size="small" className="text-ui-fg-subtle">Your automation emails are translated on the Automations page.</Text>
    </div>
  )
}

function ProfileAndBranding({ org, canManage }: { org: OrgDetail; canManage: boolean }) {
  const action = useOrgAction(org.id)
  const [form, setForm] = useState({
    name: org.name,
    support_email: org.support_email ?? "",
    logo_url: org.branding?.logo_url ?? "",
    primary_color: org.branding?.primary_color ?? "#1d4ed8",
    accent_color: org.branding?.accent_color ?? "#f59e0b",
    font: org.branding?.font ?? "system",
    default_locale: org.branding?.default_locale ?? "en",
    locales: (org.branding?.locales ?? []).filter((l) => l !== (org.branding?.default_locale ?? "en")).join(", "),
  })
  useEffect(() => setForm((f) => ({ ...f, name: org.name })), [org.name])
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })
  const save = () =>
    action.mutate({
      body: {
        name: form.name,
        support_email: form.support_email || null,
        branding: {
          logo_url: form.logo_url || null,
          primary_color: form.primary_color,
          accent_color: form.accent_color,
          font: form.font,
          default_locale: form.default_locale,
          // The other languages the school is translated into (course texts, page blocks).
          locales: form.locales.split(",").map((l) => l.trim()).filter(Boolean),
        },
      },
      done: "Organization saved",
    })
  return (
    <Container className="grid gap-6 md:grid-cols-2">
      <div className="flex flex-col gap-3">
        <Heading level="h2">Profile and branding</Heading>
        {([
          ["name", "Name"],
          ["support_email", "Support email"],
          ["logo_url", "Logo URL"],
          ["primary_color", "Primary colour"],
          ["accent_color", "Accent colour"],
          ["default_locale", "Default locale"],
          ["locales", "Other locales (comma-separated, e.g. fr, de)"],
        ] as const).map(([key, label]) => (
          <div key={key} className="flex flex-col gap-1">
            <Label htmlFor={`org-${key}`}>{label}</Label>
            <Input id={`org-${key}`} value={form[key]} onChange={set(key)} disabled={!canManage} />
          </div>
        ))}
        <EmailLanguages locales={[form.default_locale, ...form.locales.split(",").map((l) => l.trim()).filter(Boolean)]} />
        <div className="flex flex-col gap-1">
          <Label>Font</Label>
          <Select value={form.font} onValueChange={(v) => setForm({ ...form, font: v })} disabled={!canManage}>
            <Select.Trigger>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {FONTS.map((f) => (
                <Select.Item key={f} value={f}>
                  {f}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        {canManage ? (
          <Button onClick={save} isLoading={action.isPending} className="self-start">
            Save
          </Button>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            Only owners and admins change these.
          </Text>
        )}
      </div>
      <div aria-label="Storefront preview" className="rounded-lg border p-4" style={{ fontFamily: FONT_STACK[form.font] }}>
        <Text size="small" className="text-ui-fg-subtle">
          Live preview
        </Text>
        <div className="mt-3 flex items-center gap-2 font-semibold">
          {form.logo_url ? (
            <img src={form.logo_url} alt="" width={32} height={32} />
          ) : (
            <span style={{ background: form.primary_color, color: "#fff", width: 32, height: 32, borderRadius: 6, display: "grid", placeItems: "center" }}>
              {form.name.slice(0, 1)}
            </span>
          )}
          {form.name}
        </div>
        <div className="mt-3 rounded-md p-4 text-white" style={{ background: `linear-gradient(135deg, ${form.primary_color}, ${form.accent_color})` }}>
          <div className="text-lg font-bold">Learn with {form.name}</div>
          <div>Courses you can start today.</div>
        </div>
        <button type="button" className="mt-3 rounded-md px-3 py-2 text-white" style={{ background: form.primary_color }}>
          Buy Basic
        </button>
      </div>
    </Container>
  )
}

const BEARERS = [
  { value: "org", label: "The organization (default)" },
  { value: "platform", label: "The platform" },
]

/** Who bears the processing fee the payment provider keeps when an order is refunded. */
function RefundFeeBearer({ org, canManage }: { org: OrgDetail; canManage: boolean }) {
  const action = useOrgAction(org.id)
  const current = org.settings?.refund_fee_bearer === "platform" ? "platform" : "org"
  const [bearer, setBearer] = useState(current)
  useEffect(() => setBearer(current), [current])
  return (
    <Container className="flex flex-col gap-3">
      <Heading level="h2">Refunds</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Payment providers keep their processing fee when a payment is refunded. This says who carries it in the books (a term the platform sets with the organization).
      </Text>
      <div className="flex flex-col gap-1 md:w-1/2">
        <Label htmlFor="org-refund-fee-bearer">Kept processing fee is borne by</Label>
        <Select value={bearer} onValueChange={setBearer} disabled={!canManage}>
          <Select.Trigger id="org-refund-fee-bearer">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {BEARERS.map((b) => (
              <Select.Item key={b.value} value={b.value}>
                {b.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      {canManage ? (
        <Button
          className="self-start"
          isLoading={action.isPending}
          disabled={bearer === current}
          onClick={() => action.mutate({ body: { settings: { refund_fee_bearer: bearer } }, done: "Refund settings saved" })}
        >
          Save
        </Button>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          Set by the platform operator; ask them to change it.
        </Text>
      )}
    </Container>
  )
}

function Domains({ org, canManage }: { org: OrgDetail; canManage: boolean }) {
  const action = useOrgAction(org.id)
  const [hostname, setHostname] = useState("")
  return (
    <Container className="flex flex-col gap-3">
      <Heading level="h2">Domains</Heading>
      <Table>
        <Table.Body>
          {org.domains.map((d) => (
            <Table.Row key={d.id}>
              <Table.Cell>
                {d.hostname}
                {d.verification && canManage ? (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    To verify, create a TXT record named <code>{d.verification.name}</code> with the value{" "}
                    <code>{d.verification.value}</code>, then press Verify.
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>
                {d.is_primary ? <Badge size="2xsmall">primary</Badge> : null}{" "}
                <Badge size="2xsmall" color={d.verified_at ? "green" : "orange"}>
                  {d.verified_at ? "verified" : "awaiting verification"}
                </Badge>
              </Table.Cell>
              <Table.Cell className="text-right">
                {canManage && !d.verified_at ? (
                  <Button
                    size="small"
                    variant="secondary"
                    onClick={() => action.mutate({ path: `/domains/${d.id}/verify`, body: {}, done: "Domain verified" })}
                  >
                    Verify
                  </Button>
                ) : null}{" "}
                {canManage && !d.is_primary ? (
                  <Button size="small" variant="secondary" onClick={() => action.mutate({ path: `/domains/${d.id}`, body: { is_primary: true } })}>
                    Make primary
                  </Button>
                ) : null}{" "}
                {canManage ? (
                  <Button size="small" variant="danger" onClick={() => action.mutate({ path: `/domains/${d.id}`, method: "DELETE", done: "Domain removed" })}>
                    Remove
                  </Button>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!org.domains.length ? <Text size="small" className="text-ui-fg-subtle">No domains yet.</Text> : null}
      {canManage ? (
        <div className="flex gap-2">
          <Input aria-label="Hostname" placeholder="learn.example.com" value={hostname} onChange={(e) => setHostname(e.target.value)} />
          <Button
            variant="secondary"
            disabled={!hostname.trim()}
            onClick={() => action.mutate({ path: "/domains", body: { hostname }, done: "Domain added" }, { onSuccess: () => setHostname("") })}
          >
            Add domain
          </Button>
        </div>
      ) : null}
    </Container>
  )
}

const personName = (e: Employee) =>
  e.display_name || [e.user?.first_name, e.user?.last_name].filter(Boolean).join(" ") || e.user?.email || e.id

function Staff({ id, role }: { id: string; role: string }) {
  const { data } = useEmployees(id)
  const action = useOrgAction(id)
  const canManage = role === "platform" || (rolesFor("staff.manage") as string[]).includes(role)
  const me = useCurrentUser().data?.user
  // Nobody removes themselves (the API refuses it too): another owner or admin does.
  const isMe = (e: Employee) => !!me && e.user?.email === me.email
  return (
    <Container className="flex flex-col gap-3">
      <Heading level="h2">Staff</Heading>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Email</Table.HeaderCell>
            <Table.HeaderCell>Role</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.employees ?? []).map((e) => (
            <Table.Row key={e.id}>
              <Table.Cell>{personName(e)}</Table.Cell>
              <Table.Cell>{e.user?.email}</Table.Cell>
              <Table.Cell>
                {canManage ? (
                  <Select value={e.role} onValueChange={(v) => action.mutate({ path: `/employees/${e.id}`, body: { role: v }, done: "Role changed" })}>
                    <Select.Trigger aria-label={`Role of ${personName(e)}`}>
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
                ) : (
                  e.role
                )}
              </Table.Cell>
              <Table.Cell className="text-right">
                {isMe(e) ? (
                  <Text size="small" className="text-ui-fg-muted">You</Text>
                ) : canManage ? (
                  <Button size="small" variant="danger" onClick={() => action.mutate({ path: `/employees/${e.id}`, method: "DELETE", done: "Removed from staff" })}>
                    Remove
                  </Button>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

function Invitations({ id, role }: { id: string; role: string }) {
  const { data } = useInvitations(id)
  const action = useOrgAction<InvitationResult>(id)
  const [email, setEmail] = useState("")
  const [inviteRole, setInviteRole] = useState("staff")
  const [link, setLink] = useState<{ url: string | null; email: string; approved: boolean } | null>(null)
  const canInvite = role === "platform" || (rolesFor("staff.invite") as string[]).includes(role)
  const canApprove = role === "platform" || (rolesFor("staff.manage") as string[]).includes(role)
  // The accept link is emailed to the invitee; it is shown once here too, for sending it
  // another way. A manager's invitation is emailed (with a fresh link) once approved.
  const showLink = (result: InvitationResult) =>
    result?.invitation &&
    setLink({
      url: result.token && result.invitation.approved_at ? `${window.location.origin}/org-invite?token=${encodeURIComponent(result.token)}` : null,
      email: result.invitation.email,
      approved: !!result.invitation.approved_at,
    })
  return (
    <Container className="flex flex-col gap-3">
      <Heading level="h2">Invitations</Heading>
      <Table>
        <Table.Body>
          {(data?.invitations ?? []).map((inv) => (
            <Table.Row key={inv.id}>
              <Table.Cell>{inv.email}</Table.Cell>
              <Table.Cell>{inv.role}</Table.Cell>
              <Table.Cell>
                {inv.approved_at ? (
                  <Badge size="2xsmall">expires {new Date(inv.expires_at).toLocaleDateString()}</Badge>
                ) : (
                  <Badge size="2xsmall" color="orange">
                    awaiting approval
                  </Badge>
                )}
              </Table.Cell>
              <Table.Cell className="text-right">
                {canApprove && !inv.approved_at ? (
                  <Button size="small" onClick={() => action.mutate({ path: `/invitations/${inv.id}/approve`, done: `Approved: ${inv.email} is emailed a link` })}>
                    Approve
                  </Button>
                ) : null}{" "}
                {canInvite ? (
                  <>
                    <Button size="small" variant="secondary" onClick={() => action.mutate({ path: `/invitations/${inv.id}/resend`, done: "New link emailed" }, { onSuccess: showLink })}>
                      Resend
                    </Button>{" "}
                    <Button size="small" variant="danger" onClick={() => action.mutate({ path: `/invitations/${inv.id}/cancel`, done: "Cancelled" })}>
                      Cancel
                    </Button>
                  </>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!data?.invitations.length ? <Text size="small" className="text-ui-fg-subtle">No pending invitations.</Text> : null}
      {canInvite ? (
        <div className="flex flex-wrap gap-2">
          <Input aria-label="Email to invite" placeholder="name@example.com" value={email} onChange={(e) => setEmail(e.target.value)} />
          <Select value={inviteRole} onValueChange={setInviteRole}>
            <Select.Trigger aria-label="Role to invite as">
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
          <Button
            disabled={!email.trim()}
            onClick={() =>
              action.mutate(
                { path: "/invitations", body: { email, role: inviteRole }, done: "Invitation created" },
                { onSuccess: (r) => (showLink(r), setEmail("")) }
              )
            }
          >
            Invite
          </Button>
        </div>
      ) : null}
      {link ? (
        <div className="rounded-md border p-3" role="status">
          {link.approved ? (
            <>
              <Text size="small">Invitation emailed to {link.email}. The same link, shown once, if you need to send it yourself:</Text>
              {link.url ? <Input readOnly value={link.url} onFocus={(e) => e.target.select()} aria-label="Invitation link" /> : null}
            </>
          ) : (
            <Text size="small">
              Waiting for approval: the org's owners and admins are told by email, and {link.email} gets the invitation once one of them approves it.
            </Text>
          )}
        </div>
      ) : null}
    </Container>
  )
}

export default OrgSettingsPage
