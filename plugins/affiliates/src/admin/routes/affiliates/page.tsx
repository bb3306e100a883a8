import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Users } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Select, Switch, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"
import { Link } from "react-router-dom"
import {
  Affiliate,
  formatMoney,
  Program,
  useAffiliatePost,
  useAffiliates,
  useCommissions,
  useOrgOptions,
  usePayouts,
  useProgram,
} from "../../lib/queries"
import { AffiliateRates } from "../../components/affiliate-rates"
import { AmountsField, RateFields } from "../../components/rate-fields"
import { draftOf, rateBody } from "../../lib/rate-draft"
import { amountsProblem, cleanAmounts, describeRate } from "../../lib/rates"

const fail = (e: unknown) => toast.error(e instanceof Error ? e.message : "Something went wrong")

/** Program settings: on/off, default rate (percent or fixed per currency), window, model, hold, minimum payout, approval. */
const ProgramSettings = ({ orgId, program }: { orgId: string | null; program: Program }) => {
  const post = useAffiliatePost()
  const [draft, setDraft] = useState(program)
  const [rate, setRate] = useState(draftOf(program, "percent"))
  const [minimums, setMinimums] = useState((program.minimum_payouts ?? []).map((a) => ({ currency_code: a.currency_code, amount: String(a.amount) })))
  const [problem, setProblem] = useState<string | null>(null)
  const [months, setMonths] = useState(program.recurring_months ? String(program.recurring_months) : "")
  useEffect(() => {
    setMonths(program.recurring_months ? String(program.recurring_months) : "")
    setDraft(program)
    setRate(draftOf(program, "percent"))
    setMinimums((program.minimum_payouts ?? []).map((a) => ({ currency_code: a.currency_code, amount: String(a.amount) })))
  }, [program])
  const save = () => {
    const r = rateBody(rate)
    const minimumProblem = amountsProblem(minimums)
    if ("problem" in r || minimumProblem) return setProblem("problem" in r ? r.problem : `Minimum payout: ${minimumProblem}`)
    const recurringMonths = months.trim() === "" ? null : Number(months)
    if (recurringMonths !== null && (!Number.isInteger(recurringMonths) || recurringMonths < 1 || recurringMonths > 120)) {
      return setProblem("Recurring commission: a whole number of months from 1 to 120, or empty for as long as the subscription renews")
    }
    setProblem(null)
    post.mutate(
      {
        path: "/admin/affiliate-program",
        body: {
          ...(orgId ? { org_id: orgId } : {}),
          enabled: draft.enabled,
          ...r.body,
          cookie_window_days: Number(draft.cookie_window_days),
          attribution_model: draft.attribution_model,
          hold_days: Number(draft.hold_days),
          minimum_payouts: minimums.length ? cleanAmounts(minimums) : null,
          approval: draft.approval,
          recurring_commission: draft.recurring_commission,
          ...(draft.recurring_commission === "recurring" ? { recurring_months: recurringMonths } : {}),
        },
      },
      { onSuccess: () => toast.success("Program saved"), onError: (e) => setProblem(e instanceof Error ? e.message : "The program was not saved") }
    )
  }
  return (
    <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-3" aria-label="Program settings">
      <Label className="flex items-center gap-2">
        <Switch checked={draft.enabled} onCheckedChange={(enabled) => setDraft({ ...draft, enabled })} /> Program open
      </Label>
      <div className="row-span-2">
        <RateFields idPrefix="Program" draft={rate} onChange={setRate} allowDefault={false} />
      </div>
      <Label>
        Cookie window (days)
        <Input type="number" min={0} value={draft.cookie_window_days} onChange={(e) => setDraft({ ...draft, cookie_window_days: Number(e.target.value) })} />
      </Label>
      <Label>
        Hold period (days)
        <Input type="number" min={0} value={draft.hold_days} onChange={(e) => setDraft({ ...draft, hold_days: Number(e.target.value) })} />
      </Label>
      <Label>
        Attribution
        <Select value={draft.attribution_model} onValueChange={(v) => setDraft({ ...draft, attribution_model: v as Program["attribution_model"] })}>
          <Select.Trigger><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="last_click">Last click</Select.Item>
            <Select.Item value="first_click">First click</Select.Item>
          </Select.Content>
        </Select>
      </Label>
      <Label>
        New affiliates
        <Select value={draft.approval} onValueChange={(v) => setDraft({ ...draft, approval: v as Program["approval"] })}>
          <Select.Trigger><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="automatic">Approved automatically</Select.Item>
            <Select.Item value="manual">Approved by staff</Select.Item>
          </Select.Content>
        </Select>
      </Label>
      <Label>
        Subscriptions
        <Select
          value={draft.recurring_commission}
          onValueChange={(v) => setDraft({ ...draft, recurring_commission: v as Program["recurring_commission"] })}
        >
          <Select.Trigger><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="first_payment">Commission on the first payment only</Select.Item>
            <Select.Item value="recurring">Commission on renewals too</Select.Item>
          </Select.Content>
        </Select>
      </Label>
      {draft.recurring_commission === "recurring" && (
        <Label>
          For how many months (empty: as long as it renews)
          <Input type="number" min={1} max={120} placeholder="forever" value={months} onChange={(e) => setMonths(e.target.value)} />
        </Label>
      )}
      <AmountsField label="Minimum payout" rows={minimums} onChange={setMinimums} />
      <div className="flex flex-col gap-1">
        <Button size="small" onClick={save} isLoading={post.isPending}>Save program</Button>
        {problem && <Text size="small" className="text-ui-fg-error" role="alert">{problem}</Text>}
      </div>
    </div>
  )
}

const statusColor = { approved: "green", pending: "orange", rejected: "red", suspended: "grey", paid: "blue", voided: "grey" } as const

const AffiliateRow = ({ a }: { a: Affiliate }) => {
  const post = useAffiliatePost()
  const [editing, setEditing] = useState(false)
  const act = (body: Record<string, unknown>, done: string) =>
    post.mutate({ path: `/admin/affiliates/${a.id}`, body }, { onSuccess: () => toast.success(done), onError: fail })
  const pay = (currency: string) =>
    post.mutate({ path: `/admin/affiliates/${a.id}/payouts`, body: { currency_code: currency } }, { onSuccess: () => toast.success("Payout recorded"), onError: fail })
  return (
    <Table.Row>
      <Table.Cell>{a.code}</Table.Cell>
      <Table.Cell>{a.email}</Table.Cell>
      <Table.Cell><Badge color={statusColor[a.status]}>{a.status}</Badge></Table.Cell>
      <Table.Cell>{describeRate(a)}</Table.Cell>
      <Table.Cell>{a.clicks}</Table.Cell>
      <Table.Cell>
        {a.earnings.map((e) => (
          <div key={e.currency_code} className="flex items-center gap-2">
            <span>
              {formatMoney(e.pending, e.currency_code)} pending · {formatMoney(e.approved + e.adjustments, e.currency_code)} owed ·{" "}
              {formatMoney(e.paid, e.currency_code)} paid
            </span>
            {e.approved + e.adjustments > 0 && (
              <Button size="small" variant="secondary" onClick={() => pay(e.currency_code)}>Pay out</Button>
            )}
          </div>
        ))}
      </Table.Cell>
      <Table.Cell className="flex gap-1">
        {a.status !== "approved" && <Button size="small" variant="secondary" onClick={() => act({ status: "approved" }, "Approved")}>Approve</Button>}
        {a.status === "pending" && <Button size="small" variant="secondary" onClick={() => act({ status: "rejected" }, "Rejected")}>Reject</Button>}
        {a.status === "approved" && <Button size="small" variant="danger" onClick={() => act({ status: "suspended" }, "Suspended")}>Suspend</Button>}
        <Button size="small" variant="transparent" aria-label={`Rates and coupons of ${a.code}`} onClick={() => setEditing(true)}>Rates</Button>
        <AffiliateRates affiliate={a} open={editing} onOpenChange={setEditing} />
      </Table.Cell>
    </Table.Row>
  )
}

/** Affiliates: program settings, affiliates (approve, reject, suspend, pay out), commissions with flags, payouts. */
const AffiliatesPage = () => {
  const [orgId, setOrgId] = useState<string | null>(null)
  const program = useProgram(orgId)
  const needsOrg = !orgId && program.error instanceof Error && /org_id is required/.test(program.error.message)
  const orgs = useOrgOptions(needsOrg || !!orgId)
  const affiliates = useAffiliates(orgId, !needsOrg && !program.error)
  const [status, setStatus] = useState("all")
  const [flagged, setFlagged] = useState(false)
  const filters: Record<string, string> = { ...(status !== "all" ? { status } : {}), ...(flagged ? { flagged: "true" } : {}) }
  const commissions = useCommissions(orgId, filters, !needsOrg && !program.error)
  const payouts = usePayouts(orgId, !needsOrg && !program.error)
  const post = useAffiliatePost()
  const review = (id: string, decision: "approve" | "reject") =>
    post.mutate({ path: `/admin/affiliate-commissions/${id}/review`, body: { decision } }, { onSuccess: () => toast.success("Reviewed"), onError: fail })
  const codeOf = (id: string) => affiliates.data?.affiliates.find((a) => a.id === id)?.code ?? id

  return (
    <div className="flex flex-col gap-4">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">Affiliates</Heading>
            <Text size="small" className="text-ui-fg-subtle">Referral program, affiliates, commissions and payouts of your organization.</Text>
          </div>
          {(needsOrg || orgId) && (
            <Select size="small" value={orgId ?? undefined} onValueChange={setOrgId}>
              <Select.Trigger className="w-56" aria-label="Organization"><Select.Value placeholder="Choose an organization" /></Select.Trigger>
              <Select.Content>
                {(orgs.data?.orgs ?? []).map((o) => <Select.Item key={o.id} value={o.id}>{o.name}</Select.Item>)}
              </Select.Content>
            </Select>
          )}
        </div>
        {needsOrg ? (
          <Text className="px-6 py-4 text-ui-fg-subtle">Choose an organization.</Text>
        ) : program.error ? (
          <Text className="px-6 py-4 text-ui-fg-error" role="alert">{program.error instanceof Error ? program.error.message : "Could not load the program"}</Text>
        ) : program.data ? (
          <ProgramSettings orgId={orgId} program={program.data.program} />
        ) : (
          <Text className="px-6 py-4">Loading…</Text>
        )}
      </Container>
      {!needsOrg && !program.error && (
        <>
          <Container className="p-0">
            <Heading level="h2" className="px-6 py-4">Affiliates</Heading>
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Code</Table.HeaderCell><Table.HeaderCell>Email</Table.HeaderCell><Table.HeaderCell>Status</Table.HeaderCell>
                  <Table.HeaderCell>Rate</Table.HeaderCell><Table.HeaderCell>Clicks</Table.HeaderCell><Table.HeaderCell>Earnings</Table.HeaderCell><Table.HeaderCell />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {affiliates.data && !affiliates.data.affiliates.length ? (
                  <EmptyRow columns={7}>No affiliates yet. Turn the program on above; customers then join from the storefront's affiliate page and appear here.</EmptyRow>
                ) : null}
                {(affiliates.data?.affiliates ?? []).map((a) => <AffiliateRow key={a.id} a={a} />)}
              </Table.Body>
            </Table>
          </Container>
          <Container className="p-0">
            <div className="flex items-center justify-between px-6 py-4">
              <Heading level="h2">Commissions</Heading>
              <div className="flex items-center gap-3">
                <Select size="small" value={status} onValueChange={setStatus}>
                  <Select.Trigger className="w-36" aria-label="Status"><Select.Value /></Select.Trigger>
                  <Select.Content>
                    {["all", "pending", "approved", "paid", "voided"].map((s) => <Select.Item key={s} value={s}>{s}</Select.Item>)}
                  </Select.Content>
                </Select>
                <Label className="flex items-center gap-2"><Switch checked={flagged} onCheckedChange={setFlagged} /> Flagged only</Label>
              </div>
            </div>
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Affiliate</Table.HeaderCell><Table.HeaderCell>Order</Table.HeaderCell><Table.HeaderCell>Base</Table.HeaderCell>
                  <Table.HeaderCell>Commission</Table.HeaderCell><Table.HeaderCell>Status</Table.HeaderCell><Table.HeaderCell>Flags</Table.HeaderCell><Table.HeaderCell />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {commissions.data && !commissions.data.commissions.length ? (
                  <EmptyRow columns={7}>
                    {status !== "all" || flagged
                      ? "No commission matches these filters: choose status \"all\" and turn off \"Flagged only\"."
                      : "No commissions yet. They appear when an order is placed through an affiliate's referral link."}
                  </EmptyRow>
                ) : null}
                {(commissions.data?.commissions ?? []).map((c) => (
                  <Table.Row key={c.id}>
                    <Table.Cell>{codeOf(c.affiliate_id)}</Table.Cell>
                    <Table.Cell>
                      <Link className="text-ui-fg-interactive" to={`/orders/${c.order_id}`}>
                        {c.order_display_id != null ? `#${c.order_display_id}` : "Order"}
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{formatMoney(c.base_amount, c.currency_code)}</Table.Cell>
                    <Table.Cell>{formatMoney(c.amount, c.currency_code)}</Table.Cell>
                    <Table.Cell><Badge color={statusColor[c.status]}>{c.status}</Badge></Table.Cell>
                    <Table.Cell>{c.flags.map((f) => <Badge key={f} color="red" className="mr-1">{f}</Badge>)}</Table.Cell>
                    <Table.Cell className="flex gap-1">
                      {c.needs_review && c.status === "pending" && (
                        <>
                          <Button size="small" variant="secondary" onClick={() => review(c.id, "approve")}>Approve</Button>
                          <Button size="small" variant="danger" onClick={() => review(c.id, "reject")}>Reject</Button>
                        </>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </Container>
          <Container className="p-0">
            <Heading level="h2" className="px-6 py-4">Payouts</Heading>
            <Table>
              <Table.Header>
                <Table.Row><Table.HeaderCell>Date</Table.HeaderCell><Table.HeaderCell>Affiliate</Table.HeaderCell><Table.HeaderCell>Amount</Table.HeaderCell><Table.HeaderCell>Reference</Table.HeaderCell></Table.Row>
              </Table.Header>
              <Table.Body>
                {payouts.data && !payouts.data.payouts.length ? (
                  <EmptyRow columns={4}>No payouts yet. Record one on an affiliate's row once their approved commissions reach the minimum payout.</EmptyRow>
                ) : null}
                {(payouts.data?.payouts ?? []).map((p) => (
                  <Table.Row key={p.id}>
                    <Table.Cell>{new Date(p.occurred_at).toLocaleDateString()}</Table.Cell>
                    <Table.Cell>{codeOf(p.affiliate_id)}</Table.Cell>
                    <Table.Cell>{formatMoney(p.amount, p.currency_code)}</Table.Cell>
                    <Table.Cell>{p.reference}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </Container>
        </>
      )}
    </div>
  )
}

/** What an empty table means and what to do about it. */
const EmptyRow = ({ columns, children }: { columns: number; children: ReactNode }) => (
  <Table.Row>
    <Table.Cell colSpan={columns}>
      <Text size="small" className="text-ui-fg-muted">{children}</Text>
    </Table.Cell>
  </Table.Row>
)

export const config = defineRouteConfig({ label: "Affiliates", icon: Users })

export default AffiliatesPage
