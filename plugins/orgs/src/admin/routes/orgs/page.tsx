import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuildingStorefront } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { orgApi, useOrgs } from "../../lib/queries"

/** Org switcher: staff of several orgs pick the one the whole dashboard shows. */
async function activate(id: string) {
  try {
    await orgApi(id, "/activate")
    window.location.reload()
  } catch (e) {
    toast.error(e instanceof Error ? e.message : "Could not switch organization")
  }
}

const PAGE_SIZE = 20

const OrgsPage = () => {
  const [page, setPage] = useState(0)
  const { data, isLoading, error } = useOrgs({ limit: PAGE_SIZE, offset: page * PAGE_SIZE })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Organizations</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Organizations you work in (every tenant, for platform operators). Each sells through its own sales channel.
          </Text>
        </div>
      </div>
      {error ? (
        <div className="px-6 py-4" role="alert">
          <Text className="text-ui-fg-error">
            {error instanceof Error ? error.message : "Could not load organizations"}
          </Text>
        </div>
      ) : isLoading ? (
        <div className="px-6 py-4">
          <Text className="text-ui-fg-subtle">Loading organizations…</Text>
        </div>
      ) : !data?.orgs.length ? (
        <div className="px-6 py-4">
          <Text className="text-ui-fg-subtle">No organizations yet.</Text>
        </div>
      ) : (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Handle</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Your role</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.orgs.map((org) => (
                <Table.Row key={org.id} data-testid="org-row">
                  <Table.Cell>
                    <Link to={`/orgs/${org.id}`} className="text-ui-fg-interactive">
                      {org.name}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{org.handle}</Table.Cell>
                  <Table.Cell>
                    <Badge color={org.status === "active" ? "green" : "orange"} size="2xsmall">
                      {org.status}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{org.role}</Table.Cell>
                  <Table.Cell className="text-right">
                    {org.active ? (
                      <Badge size="2xsmall" color="blue">
                        Showing
                      </Badge>
                    ) : org.role !== "platform" && data.orgs.length > 1 ? (
                      <Button size="small" variant="secondary" onClick={() => activate(org.id)}>
                        Switch to this org
                      </Button>
                    ) : null}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={data.count}
            pageSize={PAGE_SIZE}
            pageIndex={page}
            pageCount={Math.max(1, Math.ceil(data.count / PAGE_SIZE))}
            canPreviousPage={page > 0}
            canNextPage={(page + 1) * PAGE_SIZE < data.count}
            previousPage={() => setPage((p) => Math.max(0, p - 1))}
            nextPage={() => setPage((p) => p + 1)}
          />
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Organizations",
  icon: BuildingStorefront,
})

export default OrgsPage
