import { defineRouteConfig } from "@medusajs/admin-sdk"
import { DocumentText } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { OrgFilter } from "../../components/org-filter"
import { errorText } from "../../lib/api"
import { sdk } from "../../lib/sdk"

type Submission = {
  id: string
  status: "submitted" | "passed" | "failed"
  text: string | null
  file_id: string | null
  file_name: string | null
  feedback: string | null
  created_at: string
  reviewed_at: string | null
  course: { id: string; title: string | null }
  lesson: { id: string; title: string | null; instructions: string | null }
  customer: { id: string; email: string | null; name: string | null }
}
const queueKey = (status: string, orgId = "") => ["volmify", "assignment-submissions", status, orgId] as const

function SubmissionCard({ s }: { s: Submission }) {
  const client = useQueryClient()
  const [feedback, setFeedback] = useState(s.feedback ?? "")
  const detail = useQuery({
    queryKey: ["volmify", "assignment-submission", s.id],
    queryFn: () => sdk.client.fetch<{ submission: Submission & { file_url: string | null } }>(`/admin/assignment-submissions/${s.id}`),
    enabled: !!s.file_id,
  })
  const review = useMutation({
    mutationFn: (status: "passed" | "failed") =>
      sdk.client.fetch(`/admin/assignment-submissions/${s.id}/review`, { method: "POST", body: { status, feedback: feedback.trim() || null } }),
    onSuccess: (_d, status) => {
      toast.success(status === "passed" ? "Passed: the lesson counts as completed for the student" : "Returned with feedback")
      client.invalidateQueries({ queryKey: ["volmify", "assignment-submissions"] })
    },
    onError: (e) => toast.error(errorText(e, "The review was not saved")),
  })
  return (
    <Container className="flex flex-col gap-2" data-submission={s.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Text weight="plus">{s.customer.name ?? s.customer.email}</Text>
          <Text size="small" className="text-ui-fg-subtle">
            {s.customer.email} · {s.course.title} › {s.lesson.title} · {new Date(s.created_at).toLocaleString()}
          </Text>
        </div>
        <Badge color={s.status === "passed" ? "green" : s.status === "failed" ? "red" : "orange"}>{s.status}</Badge>
      </div>
      {s.text && <Text className="whitespace-pre-wrap">{s.text}</Text>}
      {s.file_id && (
        <Text size="small">
          File:{" "}
          {detail.data?.submission.file_url ? (
            <a className="text-ui-fg-interactive" href={detail.data.submission.file_url} target="_blank" rel="noreferrer">
              {s.file_name}
            </a>
          ) : (
            s.file_name
          )}
        </Text>
      )}
      {s.status === "submitted" ? (
        <>
          <Textarea aria-label={`Feedback for ${s.customer.email}`} rows={3} placeholder="Feedback for the student" value={feedback} onChange={(e) => setFeedback(e.target.value)} />
          <div className="flex gap-2">
            <Button size="small" isLoading={review.isPending} onClick={() => review.mutate("passed")}>Pass</Button>
            <Button size="small" variant="secondary" isLoading={review.isPending} onClick={() => review.mutate("failed")}>Fail</Button>
          </div>
        </>
      ) : (
        s.feedback && <Text size="small">Feedback: {s.feedback}</Text>
      )}
    </Container>
  )
}

/** Review queue: the org's assignment submissions (oldest waiting first), pass/fail with feedback. */
const AssignmentsPage = () => {
  const [status, setStatus] = useState("submitted")
  // Platform operators see every org's queue and may narrow it to one (org staff: their org's).
  const [orgId, setOrgId] = useState("")
  const { data, isLoading, error } = useQuery({
    queryKey: queueKey(status, orgId),
    queryFn: () =>
      sdk.client.fetch<{ submissions: Submission[]; count: number }>("/admin/assignment-submissions", {
        query: { limit: 100, ...(status === "all" ? {} : { status }), ...(orgId ? { org_id: orgId } : {}) },
      }),
  })
  return (
    <div className="flex flex-col gap-3">
      <Container className="flex items-center justify-between">
        <div>
          <Heading level="h1">Assignments</Heading>
          <Text size="small" className="text-ui-fg-subtle">Students' submissions to assignment lessons of your courses.</Text>
        </div>
        <div className="flex items-center gap-2">
        <OrgFilter value={orgId} onChange={setOrgId} />
        <Select value={status} onValueChange={setStatus}>
          <Select.Trigger aria-label="Status" className="w-44"><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="submitted">Waiting for review</Select.Item>
            <Select.Item value="passed">Passed</Select.Item>
            <Select.Item value="failed">Failed</Select.Item>
            <Select.Item value="all">All</Select.Item>
          </Select.Content>
        </Select>
        </div>
      </Container>
      {error && <Text className="text-ui-fg-error" role="alert">{errorText(error, "Could not load the submissions")}</Text>}
      {isLoading && <Text size="small">Loading…</Text>}
      {data && !data.submissions.length && <Container><Text className="text-ui-fg-muted">Nothing here.</Text></Container>}
      {data?.submissions.map((s) => <SubmissionCard key={s.id} s={s} />)}
      {data && data.count > data.submissions.length && <Text size="small" className="text-ui-fg-muted">Showing {data.submissions.length} of {data.count}.</Text>}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Assignments", icon: DocumentText })

export default AssignmentsPage
