import type { GetServerSideProps } from "next"
import { PagesNotFound } from "@/components/pages-not-found"
import { SalesPageView, type SalesPageData } from "@/components/sales-page"
import { getSalesPage, loadBlockData } from "@/lib/pages"
import { salesPageHead } from "@/lib/sales-page-head"
import { queryValue, shellPageProps, type ShellProps } from "@/lib/pages-props"

/**
 * A published sales page of the org (`/p/<slug>`), on the Pages Router with no client
 * JavaScript; drafts and other orgs' pages are a 404.
 */
// `runtime` is named so that the object fits Next's PagesPageConfig type (see pages/courses/[handle]/index.tsx).
export const config = { runtime: "nodejs", unstable_runtimeJS: false }

export const getServerSideProps: GetServerSideProps = async (ctx) => {
  const slug = queryValue(ctx.params?.slug) ?? ""
  const query = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, queryValue(v)]))
  delete query.slug
  return shellPageProps<SalesPageData>(ctx, async () => {
    const page = await getSalesPage(slug)
    if (!page) return null
    const data = await loadBlockData(page.blocks)
    return { page, data, head: await salesPageHead(page, `/p/${encodeURIComponent(page.slug)}`, data.priced), query }
  })
}

export default function SalesPageRoute(props: ShellProps & { page: SalesPageData | null }) {
  const org = "shell" in props ? props.shell.org.name : ""
  if (!props.page) {
    return <PagesNotFound org={org} />
  }
  return <SalesPageView {...props.page} path={`/p/${encodeURIComponent(props.page.page.slug)}`} />
}
