import { HeadTagsView } from "@/components/head-tags"
import { PageBlocks } from "@/components/page-blocks"
import type { BlockData, SalesPage } from "@/lib/pages"
import type { HeadTags } from "@/lib/seo"

/** A published sales page with what its blocks show (lib/pages.ts loadBlockData) and its <head> (lib/sales-page-head.ts). */
export type SalesPageData = { page: SalesPage; data: BlockData; head: HeadTags; query: Record<string, string | undefined> }

/**
 * A sales page (the home page or `/p/<slug>`) on the Pages Router, as plain HTML with no
 * client JavaScript (issue 26: the home sales page scores >= 95 on a slow phone, as the course
 * page does since issue 30).
 */
export function SalesPageView({ page, data, head, query, path }: SalesPageData & { path: string }) {
  return (
    <>
      <HeadTagsView head={head} />
      <PageBlocks blocks={page.blocks} path={path} params={query} data={data} />
    </>
  )
}
