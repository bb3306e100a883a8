import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { errorText, useCustomerEnrollments } from "../lib/api"

const ENROLLMENT_COLOR = { active: "blue", completed: "green", cancelled: "grey" } as const

/** Customer page: the customer's courses, live tier and progress over the lessons that tier opens. */
const CustomerLearningWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error } = useCustomerEnrollments(customer.id)
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Learning</Heading>
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error, "Could not load course progress")}</Text>
      ) : isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : !data?.enrollments.length ? (
        <Text className="px-6 py-4 text-ui-fg-muted">Not enrolled in any course.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Course</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell>Progress</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.enrollments.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link className="text-ui-fg-interactive" to={`/courses/${e.course_id}`}>{e.course.title}</Link>
                  <Text size="xsmall" className="text-ui-fg-muted">since {new Date(e.started_at).toLocaleDateString()}</Text>
                </Table.Cell>
                <Table.Cell>{e.tier || "none"}</Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-2" aria-label={`Progress in ${e.course.title}`}>
                    <div className="h-2 w-24 overflow-hidden rounded-full bg-ui-bg-subtle" role="progressbar" aria-valuenow={e.progress_percent} aria-valuemin={0} aria-valuemax={100}>
                      <div className="h-full bg-ui-fg-interactive" style={{ width: `${e.progress_percent}%` }} />
                    </div>
                    <Text size="small">
                      {e.progress_percent}% ({e.lessons_completed}/{e.lessons_open} lessons)
                    </Text>
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={ENROLLMENT_COLOR[e.status]}>{e.status}</Badge>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerLearningWidget
