import { defineRouteConfig } from "@medusajs/admin-sdk"
import { AcademicCap } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { Course, errorText, tierLabel, TierDetail, useCourses, useTierVariants } from "../../lib/api"
import { OrgFilter, useOrgName } from "../../components/org-filter"
import { CreateCourseModal } from "./create-course-modal"

const PAGE_SIZE = 20
const STATUS_COLOR = { draft: "grey", published: "green", archived: "orange" } as const

function TiersCell({ productId, details }: { productId: string; details?: TierDetail[] | null }) {
  const { data, isLoading } = useTierVariants(productId)
  if (isLoading) return <Text size="small">…</Text>
  if (!data?.length) return <Text size="small" className="text-ui-fg-muted">none</Text>
  return (
    <div className="flex gap-1">
      {data.map((t) => (
        <Badge key={t.tier} size="2xsmall" title={`tier ${t.tier}`}>
          {tierLabel(t.tier, details, t.variants)}
        </Badge>
      ))}
    </div>
  )
}

/** Courses of the org: status, tiers sold, last update; create one from a product. */
const CoursesPage = () => {
  const [page, setPage] = useState(0)
  const [q, setQ] = useState("")
  const [orgId, setOrgId] = useState("")
  const orgs = useOrgName()
  const { data, isLoading, error } = useCourses({ limit: PAGE_SIZE, offset: page * PAGE_SIZE, q, org_id: orgId })
  const count = data?.count ?? 0
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Courses</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Each course is sold through a product; its variants' access plans are the tiers.
          </Text>
        </div>
        <div className="flex items-center gap-2">
          <OrgFilter value={orgId} onChange={(v) => (setOrgId(v), setPage(0))} />
          <Input size="small" type="search" placeholder="Search courses" aria-label="Search courses" value={q} onChange={(e) => (setQ(e.target.value), setPage(0))} />
          <Button size="small" variant="transparent" asChild>
            <Link to="/lessons">Lesson library</Link>
          </Button>
          <CreateCourseModal />
        </div>
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {errorText(error, "Could not load courses")}
        </Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : count === 0 ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">{q || orgId ? "No course matches." : "No courses yet. Create one from a product."}</Text>
      ) : (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Title</Table.HeaderCell>
                {orgs.platform && <Table.HeaderCell>Org</Table.HeaderCell>}
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Tiers</Table.HeaderCell>
                <Table.HeaderCell>Enrollments</Table.HeaderCell>
                <Table.HeaderCell>Last updated</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data!.courses.map((c: Course) => (
                <Table.Row key={c.id}>
                  <Table.Cell>
                    <Link className="text-ui-fg-interactive" to={`/courses/${c.id}`}>
                      {c.title}
                    </Link>
                    <Text size="xsmall" className="text-ui-fg-muted">/{c.handle}</Text>
                  </Table.Cell>
                  {orgs.platform && <Table.Cell>{orgs.name(c.org_id)}</Table.Cell>}
                  <Table.Cell>
                    <Badge size="2xsmall" color={STATUS_COLOR[c.status]}>
                      {c.status}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>
                    <TiersCell productId={c.product_id} details={c.tier_details} />
                  </Table.Cell>
                  <Table.Cell>{c.enrollment_count ?? 0}</Table.Cell>
                  <Table.Cell>{new Date(c.updated_at).toLocaleString()}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={page}
            pageCount={Math.max(1, Math.ceil(count / PAGE_SIZE))}
            canPreviousPage={page > 0}
            canNextPage={(page + 1) * PAGE_SIZE < count}
            previousPage={() => setPage(page - 1)}
            nextPage={() => setPage(page + 1)}
          />
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Courses", icon: AcademicCap })

export default CoursesPage
