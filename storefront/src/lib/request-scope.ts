import "./server-only"
import { AsyncLocalStorage } from "node:async_hooks"
import { cache } from "react"

/**
 * The request the storefront's data functions read (cookies, Host) on both routers. The App
 * Router gives it through `next/headers`; the Pages Router pages (the course and lesson
 * pages, served without client JavaScript, issue 30) have no such scope, so their
 * `getServerSideProps` runs inside `withRequestScope`, which hands the same reads over from
 * its `req`. Data functions call `requestCookie` / `requestHeader` and `perRequest` and do
 * not know which router asked. (`next/headers` is imported when called: Next refuses a
 * static import of it in a Pages Router module.)
 */
type Scope = {
  cookies: Partial<Record<string, string>>
  headers: Record<string, string | string[] | undefined>
  /** Per-request memo of `perRequest` functions (React's `cache` only memoizes under RSC). */
  memo: Map<unknown, Map<string, unknown>>
}

const pagesRequest = new AsyncLocalStorage<Scope>()

/** Runs `fn` with the request of a Pages Router `getServerSideProps` as the data functions' request. */
export function withRequestScope<T>(
  req: { cookies: Partial<Record<string, string>>; headers: Record<string, string | string[] | undefined> },
  fn: () => Promise<T>
): Promise<T> {
  return pagesRequest.run({ cookies: req.cookies, headers: req.headers, memo: new Map() }, fn)
}

export async function requestCookie(name: string): Promise<string | undefined> {
  const scope = pagesRequest.getStore()
  if (scope) return scope.cookies[name]
  const { cookies } = await import("next/headers")
  return (await cookies()).get(name)?.value
}

export async function requestHeader(name: string): Promise<string | null> {
  const scope = pagesRequest.getStore()
  if (scope) {
    const value = scope.headers[name.toLowerCase()]
    return Array.isArray(value) ? value[0] ?? null : value ?? null
  }
  const { headers } = await import("next/headers")
  return (await headers()).get(name)
}

/**
 * `fn` memoized for one request by its arguments: React's `cache` under the App Router, a map
 * on the request scope under the Pages Router.
 */
export function perRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const reactCached = cache(fn)
  return (...args: A): R => {
    const scope = pagesRequest.getStore()
    if (!scope) return reactCached(...args)
    let memo = scope.memo.get(fn) as Map<string, R> | undefined
    if (!memo) scope.memo.set(fn, (memo = new Map()))
    const key = JSON.stringify(args)
    if (!memo.has(key)) memo.set(key, fn(...args))
    return memo.get(key)!
  }
}
