import { STORE_FORMS, refererPath } from "@/lib/store-forms"
import { StoreError } from "@/lib/medusa"
import { safeRedirectPath } from "@/lib/safe-redirect"

/**
 * The plain HTML forms of pages that ship no client JavaScript (the course and lesson pages,
 * the header and footer): POST /form/<name> runs lib/store-forms.ts and answers 303 to where
 * the browser goes next. Only same-origin posts: a server action checks the Origin the same
 * way (a cross-site form would otherwise ride on the visitor's cookies). A store error the
 * visitor can act on goes back to the page they were on with `?form_error=`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ action: string }> }) {
  const { action } = await params
  const handler = Object.prototype.hasOwnProperty.call(STORE_FORMS, action) ? STORE_FORMS[action] : undefined
  if (!handler) return new Response("Not found", { status: 404 })
  if (!sameOrigin(request)) return new Response("Cross-site form posts are refused", { status: 403 })
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return new Response("Expected a form post", { status: 400 })
  }
  let target: string
  try {
    target = await handler(form)
  } catch (error) {
    if (!(error instanceof StoreError) || error.status >= 500) throw error
    target = withParam(safeRedirectPath(await refererPath(), "/"), "form_error", error.message)
  }
  return new Response(null, { status: 303, headers: { location: safeRedirectPath(target, "/") } })
}

function sameOrigin(request: Request): boolean {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host")
  const from = request.headers.get("origin") ?? request.headers.get("referer")
  if (!host || !from || from === "null") return false
  try {
    return new URL(from).host === host
  } catch {
    return false
  }
}

function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, "https://storefront.invalid")
  url.searchParams.set(name, value)
  return `${url.pathname}${url.search}`
}
