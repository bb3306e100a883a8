import { Container, Heading, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { errorText, useIssuedCertificates } from "../lib/api"
import { PickField } from "./fields"
import { CertificateCell } from "./revoke-certificate"

const PAGE_SIZE = 20

/** The org's issued certificates (newest first): search by student or code, issued/revoked, revoke. */
export function IssuedCertificates({ orgId }: { orgId: string }) {
  const [q, setQ] = useState("")
  const [status, setStatus] = useState("")
  const [page, setPage] = useState(0)
  const { data, error, isFetching } = useIssuedCertificates({ q, status, org_id: orgId, limit: PAGE_SIZE, offset: page * PAGE_SIZE })
  const count = data?.count ?? 0
  return (
    <Container className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading level="h2">Issued certificates</Heading>
        <div className="flex flex-wrap items-center gap-2">
          <Input size="small" type="search" aria-label="Search certificates" placeholder="Student or code" value={q} onChange={(e) => (setQ(e.target.value), setPage(0))} />
          <PickField
            label="Certificate status"
            value={status}
            onChange={(v) => (setStatus(v), setPage(0))}
            options={[{ value: "", label: "Issued and revoked" }, { value: "issued", label: "Valid" }, { value: "revoked", label: "Revoked" }]}
          />
        </div>
      </div>
      {error ? (
        <Text className="text-ui-fg-error" role="alert">{errorText(error, "Could not load the certificates")}</Text>
      ) : !data ? (
        <Text size="small">Loading…</Text>
      ) : count === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          {q || status ? "No certificate matches." : "None issued yet: turn on \"Certificate on completion\" in a course's builder."}
        </Text>
      ) : (
        <ul aria-label="Issued certificates" className="divide-y" aria-busy={isFetching}>
          {data.certificates.map((c) => (
            <li key={c.id} className="grid grid-cols-1 gap-2 py-2 md:grid-cols-[minmax(0,1.5fr)_minmax(0,1.5fr)_minmax(0,1fr)_minmax(0,2fr)] md:items-center" data-testid="issued-certificate">
              <Text size="small" weight="plus" className="break-words">{c.student_name}</Text>
              <Link className="txt-compact-small text-ui-fg-interactive break-words" to={`/courses/${c.course_id}/students`}>{c.course_title}</Link>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {new Date(c.issued_at).toLocaleDateString()}
                {c.revoked_reason ? ` · revoked: ${c.revoked_reason}` : ""}
              </Text>
              <CertificateCell certificate={c} />
            </li>
          ))}
        </ul>
      )}
      {count > PAGE_SIZE && (
        <div className="flex items-center gap-2">
          <button type="button" className="txt-compact-small text-ui-fg-interactive disabled:text-ui-fg-disabled" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          <Text size="xsmall">{page * PAGE_SIZE + 1}–{Math.min(count, (page + 1) * PAGE_SIZE)} of {count}</Text>
          <button type="button" className="txt-compact-small text-ui-fg-interactive disabled:text-ui-fg-disabled" disabled={(page + 1) * PAGE_SIZE >= count} onClick={() => setPage(page + 1)}>Next</button>
        </div>
      )}
    </Container>
  )
}
