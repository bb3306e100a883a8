import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BookOpen } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { LessonEditor } from "../../components/lesson-editor"
import { OrgFilter, useOrgName } from "../../components/org-filter"
import { courseKeys, errorText, Lesson, useLessons } from "../../lib/api"
import { sdk } from "../../lib/sdk"

function LessonRow({ lesson }: { lesson: Lesson }) {
  const [editing, setEditing] = useState(false)
  const client = useQueryClient()
  const remove = useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/lessons/${lesson.id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Lesson deleted")
      client.invalidateQueries({ queryKey: courseKeys.lessons })
    },
    onError: (e) => toast.error(errorText(e, "The lesson was not deleted")),
  })
  return (
    <Table.Row>
      <Table.Cell>{lesson.title}</Table.Cell>
      <Table.Cell>
        <Badge size="2xsmall">{lesson.type}</Badge>
      </Table.Cell>
      <Table.Cell>
        {lesson.used_in.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted">not placed</Text>
        ) : (
          <ul>
            {lesson.used_in.map((u) => (
              <li key={u.placement_id}>
                <Link className="txt-compact-small text-ui-fg-interactive" to={`/courses/${u.course_id}`}>
                  {u.course_title} › {u.module_title} › {u.section_title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Table.Cell>
      <Table.Cell>
        <div className="flex justify-end gap-2">
          <Button size="small" variant="secondary" aria-label={`Edit ${lesson.title}`} onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            size="small"
            variant="transparent"
            aria-label={`Delete ${lesson.title}`}
            isLoading={remove.isPending}
            onClick={() => window.confirm(`Delete "${lesson.title}" from the library?`) && remove.mutate()}
          >
            Delete
          </Button>
        </div>
        <LessonEditor lesson={lesson} open={editing} onOpenChange={setEditing} />
      </Table.Cell>
    </Table.Row>
  )
}

/** The org's lesson library: lessons are written once and placed in any course. */
const LessonsPage = () => {
  const [q, setQ] = useState("")
  const [orgId, setOrgId] = useState("")
  const orgs = useOrgName()
  const { data, isLoading, error } = useLessons(q, orgId)
  const [creating, setCreating] = useState(false)
  // A platform operator writes a lesson for one org: they pick it first.
  const needsOrg = orgs.platform && !orgId
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Lesson library</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Write a lesson once, place it in any course from the course builder. A placed lesson cannot be deleted.
          </Text>
        </div>
        <div className="flex items-center gap-2">
          <OrgFilter value={orgId} onChange={setOrgId} />
          <Input size="small" type="search" placeholder="Search lessons" aria-label="Search lessons" value={q} onChange={(e) => setQ(e.target.value)} />
          <Button
            size="small"
            variant="secondary"
            disabled={needsOrg}
            title={needsOrg ? "Pick the org the lesson belongs to first" : undefined}
            onClick={() => setCreating(true)}
          >
            New lesson
          </Button>
        </div>
        <LessonEditor open={creating} onOpenChange={setCreating} orgId={orgs.platform ? orgId : undefined} />
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {errorText(error, "Could not load lessons")}
        </Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !data?.lessons.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">{q ? "No lesson matches." : "No lessons yet."}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Title</Table.HeaderCell>
              <Table.HeaderCell>Type</Table.HeaderCell>
              <Table.HeaderCell>Used in</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.lessons.map((l) => (
              <LessonRow key={l.id} lesson={l} />
            ))}
          </Table.Body>
        </Table>
      )}
      {!!data && data.count > data.lessons.length && (
        <Text size="small" className="px-6 py-3 text-ui-fg-muted">
          Showing the latest {data.lessons.length} of {data.count}: search to find the others.
        </Text>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Lessons", icon: BookOpen })

export default LessonsPage
