import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { PageBlocks } from "@/components/page-blocks"
import { getSalesPage } from "@/lib/pages"

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await getSalesPage((await params).slug)
  return page ? { title: page.title } : {}
}

/** A published sales page of the org (`/p/<slug>`); drafts and other orgs' pages are a 404. */
export default async function SalesPageRoute({ params, searchParams }: Props) {
  const { slug } = await params
  const page = await getSalesPage(slug)
  if (!page) notFound()
  return <PageBlocks blocks={page.blocks} path={`/p/${slug}`} params={await searchParams} />
}
