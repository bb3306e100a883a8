import type { Submission } from "@/lib/assessments"

/** Assignment: the student's submissions with staff feedback, and the form while one may submit. */
export function AssignmentPanel({
  handle,
  placement,
  data,
  error,
  submitted,
}: {
  handle: string
  placement: string
  data: { submissions: Submission[]; passed: boolean; pending: boolean }
  error?: string
  submitted?: boolean
}) {
  return (
    <section aria-label="Assignment" style={{ display: "grid", gap: 16 }}>
      {data.submissions.map((s) => (
        <div key={s.id} className={`panel${s.status === "failed" ? " warn" : ""}`} data-submission-status={s.status}>
          <p>
            <span className={`badge${s.status === "passed" ? " brand" : ""}`}>
              {s.status === "submitted" ? "Waiting for review" : s.status === "passed" ? "Passed ✓" : "Not passed yet"}
            </span>{" "}
            <span className="muted">{new Date(s.created_at).toLocaleString()}</span>
          </p>
          {s.text ? <p style={{ whiteSpace: "pre-wrap" }}>{s.text}</p> : null}
          {s.file ? <p className="muted">File: {s.file.name}</p> : null}
          {s.feedback ? (
            <p>
              <strong>Feedback:</strong> {s.feedback}
            </p>
          ) : null}
        </div>
      ))}
      {submitted ? <p role="status">Submitted. Staff will review it.</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      {!data.passed && !data.pending ? (
        <form method="post" action="/form/assignment" encType="multipart/form-data" className="panel" style={{ display: "grid", gap: 12 }}>
          <input type="hidden" name="handle" value={handle} />
          <input type="hidden" name="placement" value={placement} />
          <label style={{ display: "grid", gap: 4 }}>
            Your answer
            <textarea name="text" rows={6} />
          </label>
          <label style={{ display: "grid", gap: 4 }}>
            File (PDF, text, image, zip or Word; 5 MB at most)
            <input type="file" name="file" accept=".pdf,.txt,.md,.png,.jpg,.jpeg,.zip,.docx" />
          </label>
          <button className="btn" type="submit">
            Submit for review
          </button>
        </form>
      ) : null}
    </section>
  )
}
