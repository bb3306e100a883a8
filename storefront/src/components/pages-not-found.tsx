import Head from "next/head"
import { PageNotFound } from "@/components/page-not-found"

/** A Pages Router page's 404 (the course, lesson and sales pages): its title and the shared "Page not found". */
export function PagesNotFound({ org }: { org: string }) {
  return (
    <>
      <Head>
        <title>{`Page not found · ${org}`}</title>
      </Head>
      <PageNotFound />
    </>
  )
}
