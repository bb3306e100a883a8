import { ArrowDownTray } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { PickField } from "../../../../components/fields"
import { CertificateCell } from "../../../../components/revoke-certificate"
import { CourseStudent, errorText, StudentFilters, studentsCsvUrl, useCourse, useCourseStudents, useProductTiers } from "../../../../lib/api"

const PAGE_SIZE = 20
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "–")
// One grid for the header and the rows; a phone stacks the cells (no sideways scroll).
const GRID = "grid grid-cols-1 gap-2 px-6 py-3 md:grid-cols-[minmax(0,2fr)_6rem_minmax(0,1.4fr)_minmax(0,1.2fr)_minmax(0,1.6fr)_minmax(0,2fr)] md:items-center"

function StudentRow({ s }: { s: CourseStudent }) {
  return (
    <li className={GRID} data-testid="course-student">
      <div className="min-w-0">
        <Text size="small" weight="plus" className="break-words">{s.name ?? "(no name)"}</Text>
        <Text size="xsmall" className="break-all text-ui-fg-subtle">{s.email ?? s.customer_id}</Text>
      </div>
      <div>
        <Badge size="2xsmall" className="whitespace-nowrap" color={s.tier ? "purple" : "grey"}>{s.tier ? `tier ${s.tier}` : "no access"}</Badge>
      </div>
      <div className="flex flex-col gap-1" title={`${s.lessons_completed} of ${s.lessons_open} lessons their tier opens`}>
        <div className="h-2 w-full rounded-full bg-ui-bg-subtle" role="progressbar" aria-valuenow={s.progress_percent} aria-valuemin={0} aria-valuemax={100} aria-label={`Progress of ${s.email}`}>
          <div className="h-2 rounded-full bg-ui-fg-interactive" style={{ width: `${s.progress_percent}%` }} />
        </div>
        <Text size="xsmall">
          {s.progress_percent}% · {s.lessons_completed}/{s.lessons_open} lessons{s.completed_at ? " · completed" : ""}
        </Text>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle"><span className="md:hidden">Last activity: </span>{when(s.last_activity_at)}</Text>
      <div className="flex flex-col">
        <Text size="xsmall">{s.quizzes_total ? `${s.quizzes_passed}/${s.quizzes_total} quizzes passed` : "no quizzes"}</Text>
        {s.quizzes.map((q) => (
          <Text key={q.placement_id} size="xsmall" className="text-ui-fg-subtle break-words">
            {q.title}: best {q.best_score_percent}% {q.passed ? "✓" : "✗"} ({q.attempts} {q.attempts === 1 ? "try" : "tries"})
          </Text>
        ))}
      </div>
      <div className="min-w-0">
        {s.certificate ? <CertificateCell certificate={s.certificate} /> : <Text size="xsmall" className="text-ui-fg-muted">no certificate</Text>}
      </div>
    </li>
  )
}

/** A course's students: tier, progress, last activity, quizzes, certificate; filters, pages and CSV. */
const CourseStudentsPage = () => {
  const { id = "" } = useParams()
  const course = useCourse(id)
  const tiers = useProductTiers(course.data?.course.product_id ?? "")
  const [filters, setFilters] = useState<StudentFilters>({ q: "", tier: "", completed: "" })
  const [page, setPage] = useState(0)
  const list = useCourseStudents(id, filters, { limit: PAGE_SIZE, offset: page * PAGE_SIZE })
  const set = (patch: StudentFilters) => (setFilters({ ...filters, ...patch }), setPage(0))
  const count = list.data?.count ?? 0
  const filtered = !!(filters.q || filters.tier || filters.completed)
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col gap-3 px-6 py-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <Link className="txt-compact-small text-ui-fg-interactive" to={`/courses/${id}`}>← Course builder</Link>
            <Heading level="h1" className="break-words">Students{course.data ? ` of ${course.data.course.title}` : ""}</Heading>
            <Text size="small" className="text-ui-fg-subtle">Progress counts the lessons each student's tier opens.</Text>
          </div>
          <Button size="small" variant="secondary" asChild>
            <a href={studentsCsvUrl(id, filters)} download aria-label="Export CSV">
              <ArrowDownTray /> Export CSV{filtered ? " (filtered)" : ""}
            </a>
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            size="small"
            type="search"
            className="w-full sm:w-64"
            placeholder="Search email or name"
            aria-label="Search students"
            value={filters.q}
            onChange={(e) => set({ q: e.target.value })}
          />
          <PickField
            label="Filter by tier"
            value={filters.tier ?? ""}
            onChange={(tier) => set({ tier })}
            options={[
              { value: "", label: "All tiers" },
              ...(tiers.data ?? []).map((t) => ({ value: String(t), label: `Tier ${t}` })),
              { value: "0", label: "No access now" },
            ]}
          />
          <PickField
            label="Filter by completion"
            value={filters.completed ?? ""}
            onChange={(completed) => set({ completed })}
            options={[
              { value: "", label: "Completed or not" },
              { value: "true", label: "Completed" },
              { value: "false", label: "Not completed" },
            ]}
          />
          {list.isFetching && <Text size="xsmall" className="text-ui-fg-muted" aria-live="polite">Loading…</Text>}
        </div>
      </div>
      {list.error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(list.error, "Could not load the students")}</Text>
      ) : !list.data ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : count === 0 ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">
          {filtered ? "No student matches these filters." : "No students yet: they appear here when they buy the course or are granted access."}
        </Text>
      ) : (
        <>
          <div className={`${GRID} hidden md:grid`} aria-hidden>
            {["Student", "Tier", "Progress", "Last activity", "Quizzes", "Certificate"].map((h) => (
              <Text key={h} size="xsmall" weight="plus" className="text-ui-fg-subtle">{h}</Text>
            ))}
          </div>
          <ul aria-label="Students" className="divide-y">
            {list.data.students.map((s) => <StudentRow key={s.enrollment_id} s={s} />)}
          </ul>
          <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">
              {page * PAGE_SIZE + 1}–{Math.min(count, (page + 1) * PAGE_SIZE)} of {count}
            </Text>
            <div className="flex gap-2">
              <Button size="small" variant="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</Button>
              <Button size="small" variant="secondary" disabled={(page + 1) * PAGE_SIZE >= count} onClick={() => setPage(page + 1)}>Next</Button>
            </div>
          </div>
        </>
      )}
    </Container>
  )
}

export default CourseStudentsPage
