import "./server-only"
import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next"
import { getLocale } from "./locale"
import { withRequestScope } from "./request-scope"
import { getShellData } from "./shell"
import type { ShellData } from "@/components/site-shell"

/** What every Pages Router page of the storefront gets: the shell (header, footer) or why the store is unavailable. */
export type ShellProps = { shell: ShellData } | { unavailable: string }

/** A page's own data, or `null` for "not found" (a 404 with the shell around it). */
export type PageLoad<P> = () => Promise<P | null>

/**
 * `getServerSideProps` for the storefront's Pages Router pages (the course and lesson
 * pages, served without client JavaScript): runs `load` with this request as the data
 * functions' request (lib/request-scope.ts), adds the shell's data, and keeps the answer
 * private and uncached like the App Router's dynamic pages. Props go through JSON (no
 * `undefined`, no Maps), as Next requires of them.
 */
export async function shellPageProps<P extends object>(
  ctx: GetServerSidePropsContext,
  load: PageLoad<P>
): Promise<GetServerSidePropsResult<ShellProps & { page: P | null }>> {
  ctx.res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate")
  return withRequestScope(ctx.req, async () => {
    const shell = await getShellData()
    if ("unavailable" in shell) return { props: { ...shell, page: null } }
    // `/xx/...` with a language the org has not enabled: a 404, not the default's content.
    const page = (await getLocale()).unknown_prefix ? null : await load()
    if (!page) ctx.res.statusCode = 404
    return { props: JSON.parse(JSON.stringify({ ...shell, page })) }
  })
}

/** The first value of a query parameter. */
export const queryValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)
