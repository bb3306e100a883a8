import { defineRouteConfig } from "@medusajs/admin-sdk"
import { DocumentText } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Switch, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { usePages, usePagesWrite } from "../../lib/queries"

const fail = (e: unknown) => toast.error(e instanceof Error ? e.message : "Something went wrong")

/** The org's sales pages, and a form for a new one (platform operators name the org). */
const PagesPage = () => {
  const [orgId, setOrgId] = useState("")
  const pages = usePages(orgId.trim() || null)
  const write = usePagesWrite()
  const navigate = useNavigate()
  const [title, setTitle] = useState("")
  const [slug, setSlug] = useState("")
  const [isHome, setIsHome] = useState(false)
  const create = () =>
    write.mutate(
      { path: "/admin/pages", body: { title, slug, is_home: isHome, ...(orgId.trim() ? { org_id: orgId.trim() } : {}) } },
      { onSuccess: (data) => data.page && navigate(`/pages/${data.page.id}`), onError: fail }
    )
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading>Pages</Heading>
        <div className="flex items-center gap-2">
          <Label htmlFor="pages-org">Org id (platform operators)</Label>
          <Input id="pages-org" size="small" value={orgId} onChange={(e) => setOrgId(e.target.value)} />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <div><Label htmlFor="page-title">Title</Label><Input id="page-title" value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <div><Label htmlFor="page-slug">Slug</Label><Input id="page-slug" value={slug} placeholder="launch" onChange={(e) => setSlug(e.target.value)} /></div>
        <div className="flex items-center gap-2"><Switch id="page-home" checked={isHome} onCheckedChange={setIsHome} /><Label htmlFor="page-home">Home page</Label></div>
        <Button onClick={create} isLoading={write.isPending} disabled={!title || !slug}>Create page</Button>
      </div>
      <Table>
        <Table.Header>
          <Table.Row><Table.HeaderCell>Title</Table.HeaderCell><Table.HeaderCell>Address</Table.HeaderCell><Table.HeaderCell>Status</Table.HeaderCell><Table.HeaderCell>Versions</Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>
          {(pages.data?.pages ?? []).map((page) => (
            <Table.Row key={page.id}>
              <Table.Cell><Link to={`/pages/${page.id}`}>{page.title}</Link></Table.Cell>
              <Table.Cell>{page.is_home ? "/ (home)" : `/p/${page.slug}`}</Table.Cell>
              <Table.Cell><Badge color={page.status === "published" ? "green" : "grey"}>{page.status}</Badge></Table.Cell>
              <Table.Cell>{page.latest_version_number}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {pages.error ? <Text className="px-6 py-4 text-ui-fg-error">{pages.error.message}</Text> : null}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Pages", icon: DocumentText })

export default PagesPage
