import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { PageBlocks } from "@/components/page-blocks"
import { SalesPageJsonLd, salesPageMetadata } from "@/components/sales-page-seo"
import { getSalesPage } from "@/lib/pages"

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params
  const page = await getSalesPage(slug)
  return page ? salesPageMetadata(page, `/p/${encodeURIComponent(slug)}`) : {}
}

/** A published sales page of the org (`/p/<slug>`); drafts and other orgs' pages are a 404. */
export default async function SalesPageRoute({ params, searchParams }: Props) {
  const { slug } = await params
  const page = await getSalesPage(slug)
  if (!page) notFound()
  const path = `/p/${encodeURIComponent(slug)}`
  return (
    <>
      <SalesPageJsonLd page={page} path={path} />
      <PageBlocks blocks={page.blocks} path={`/p/${slug}`} params={await searchParams} />
    </>
  )
}
