import Head from "next/head"
import { PageBlocks } from "@/components/page-blocks"
import type { BlockData, PageBlock, SalesPage } from "@/lib/pages"

/** A published sales page with what its blocks show (lib/pages.ts loadBlockData). */
export type SalesPageData = { page: SalesPage; data: BlockData; query: Record<string, string | undefined> }

/** The page's description: its SEO description, else the first text of its blocks (a hero's, a rich text's first paragraph). */
export function salesPageDescription(page: SalesPage): string | null {
  const seo = page.seo as { description?: unknown } | null
  if (typeof seo?.description === "string" && seo.description.trim()) return seo.description.trim()
  for (const block of page.blocks as PageBlock[]) {
    if (block.type === "hero" && block.text) return block.text
    if (block.type === "rich_text") {
      const text = block.content
        .filter((n) => n.type === "paragraph")
        .flatMap((n) => n.children)
        .map((r) => (r.type === "text" ? r.text : ""))
        .join("")
        .trim()
      if (text) return text.slice(0, 300)
    }
  }
  return null
}

/**
 * A sales page (the home page or `/p/<slug>`) on the Pages Router, as plain HTML with no
 * client JavaScript (issue 26: the home sales page scores >= 95 on a slow phone, as the course
 * page does since issue 30).
 */
export function SalesPageView({ page, data, query, path, org }: SalesPageData & { path: string; org: string }) {
  const seo = page.seo as { title?: unknown; noindex?: unknown } | null
  const title = typeof seo?.title === "string" && seo.title.trim() ? seo.title.trim() : path === "/" ? org : `${page.title} · ${org}`
  const description = salesPageDescription(page)
  return (
    <>
      <Head>
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        {seo?.noindex === true ? <meta name="robots" content="noindex" /> : null}
        {/* SEO head tags (lib/seo.ts: canonical, Open Graph, JSON-LD) go here. */}
      </Head>
      <PageBlocks blocks={page.blocks} path={path} params={query} data={data} />
    </>
  )
}
