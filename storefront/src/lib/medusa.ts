import "./server-only"
import { VolmifySdk, type CallOptions } from "@volmify/js-sdk"
import { BACKEND_URL, COOKIE } from "./config"
import { getTenant } from "./tenant"
import { perRequest, requestCookie } from "./request-scope"

export class StoreError extends Error {
  constructor(
    message: string,
    public status: number,
    public body: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

/**
 * A js-sdk client for this request's org (its publishable key); tokens are passed per call.
 * @volmify/js-sdk: Medusa's js-sdk plus `sdk.volmify.*`, typed from the store OpenAPI document.
 */
export const getSdk = perRequest(async () => {
  const tenant = await getTenant()
  return new VolmifySdk({
    baseUrl: BACKEND_URL,
    publishableKey: tenant.key,
    auth: { type: "jwt", jwtTokenStorageMethod: "nostore" },
  })
})

/** The customer's bearer header from the HttpOnly cookie, if logged in. */
export async function authHeaders(): Promise<Record<string, string>> {
  const token = await requestCookie(COOKIE.token)
  return token ? { authorization: `Bearer ${token}` } : {}
}

/**
 * Calls the store API for this org. Errors come back as StoreError with Medusa's
 * status and body (`{ type, message, code? }`), never as a crash of the page.
 */
export async function store<T = any>(
  path: string,
  init: {
    method?: "GET" | "POST" | "DELETE"
    body?: unknown
    query?: Record<string, unknown>
    auth?: boolean
    headers?: Record<string, string>
  } = {}
): Promise<T> {
  const sdk = await getSdk()
  const headers = { ...(init.auth === false ? {} : await authHeaders()), ...(init.headers ?? {}) }
  try {
    return await sdk.client.fetch<T>(path, {
      method: init.method ?? "GET",
      body: init.body as any,
      query: init.query,
      headers,
      cache: "no-store",
    } as any)
  } catch (error: any) {
    const status = Number(error?.status ?? error?.response?.status ?? 500)
    throw new StoreError(error?.message ?? "The store is not reachable", status, error?.body ?? {})
  }
}

/**
 * A store GET that keeps the error body: the lesson gate answers 401/403 with fields the
 * storefront shows (`code`, `required_tier`, `unlock_variant_ids`, `available_at`), which
 * the js-sdk's FetchError drops.
 */
export async function storeWithBody<T = any>(path: string): Promise<{ status: number; body: T & Record<string, any> }> {
  const tenant = await getTenant()
  const res = await fetch(`${BACKEND_URL}${path}`, {
    headers: { "x-publishable-api-key": tenant.key, ...(await authHeaders()) },
    cache: "no-store",
  })
  const body = (await res.json().catch(() => ({}))) as T & Record<string, any>
  return { status: res.status, body }
}

/** The typed plugin routes (`sdk.volmify`) and the per-call options carrying the customer's token. */
export async function volmify(): Promise<{ api: VolmifySdk["volmify"]; as: CallOptions }> {
  const [sdk, headers] = await Promise.all([getSdk(), authHeaders()])
  return { api: sdk.volmify, as: { headers } }
}
