import "server-only"
import { cookies, headers } from "next/headers"
import { COOKIE, cookieOptions } from "./config"
import { getCart, getCustomer, getRegion } from "./data"
import { getLocale } from "./locale"
import { store, StoreError } from "./medusa"
import { safeRedirectPath } from "./safe-redirect"

/**
 * What the storefront's plain HTML forms do (issue 30: the course and lesson pages ship no
 * client JavaScript, so their buttons are `<form method="post">` to `app/form/[action]`).
 * Each takes the posted form and answers the path to send the browser to (303). A
 * `StoreError` it throws goes back to the page the form was on with `?form_error=`.
 */
export type FormHandler = (form: FormData) => Promise<string>

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()
const lessonPath = (handle: string, placement: string) => `/courses/${encodeURIComponent(handle)}/lessons/${encodeURIComponent(placement)}`
const lessonApi = (handle: string, placement: string) => `/store/courses/${encodeURIComponent(handle)}/lessons/${encodeURIComponent(placement)}`

/**
 * The path and query of the page a form was posted from, read from its Referer (a browser
 * sends the full same-origin URL with a form post). The footer's region form returns there.
 */
export async function refererPath(): Promise<string> {
  const referer = (await headers()).get("referer")
  if (!referer) return ""
  try {
    const url = new URL(referer)
    return `${url.pathname}${url.search}`
  } catch {
    return ""
  }
}

/** The visitor's address for the store's abuse limits (believed only from trusted proxies). */
async function visitorHeaders(): Promise<Record<string, string>> {
  const ip = ((await headers()).get("x-forwarded-for") ?? "").split(",")[0].trim()
  return ip ? { "x-forwarded-for": ip } : {}
}

/** The visitor's cart (created in their region when there is none) with one line of `variantId`. */
async function cartWithVariant(variantId: string): Promise<string> {
  if (!variantId) throw new StoreError("Choose what to buy", 400)
  let cart = await getCart()
  if (!cart) {
    const region = await getRegion()
    const customer = await getCustomer()
    const created = await store<{ cart: { id: string } }>("/store/carts", {
      method: "POST",
      // The page's locale goes on the cart and so on the order: the receipt and later emails
      // go out in it (issue 26).
      body: { region_id: region?.id, locale: (await getLocale()).locale, ...(customer ? { email: customer.email } : {}) },
    })
    ;(await cookies()).set(COOKIE.cart, created.cart.id, cookieOptions(30))
    await store(`/store/carts/${created.cart.id}/line-items`, { method: "POST", body: { variant_id: variantId, quantity: 1 } })
    return created.cart.id
  }
  if (!cart.items?.some((i) => i.variant_id === variantId)) {
    await store(`/store/carts/${cart.id}/line-items`, { method: "POST", body: { variant_id: variantId, quantity: 1 } })
  }
  return cart.id
}

/** Adds a variant to the cart (creating the cart in the visitor's region) and opens the cart. */
const addToCart: FormHandler = async (form) => {
  const cartId = await cartWithVariant(text(form, "variant_id"))
  // A logged-in buyer sees a subscription's free trial in the cart already (checkout applies it again).
  if (await getCustomer().catch(() => null)) await applyTrials(cartId)
  return "/cart"
}

/**
 * Makes the cart's subscription lines with a free trial free (server-side: one trial per
 * customer and course). Answers whether a trial applies and the cart's total after it.
 */
export async function applyTrials(cartId: string): Promise<{ trial: boolean; total: number }> {
  const { subscription_trial, cart } = await store<{
    subscription_trial: { lines: { eligible: boolean }[] }
    cart: { total: number }
  }>(`/store/carts/${cartId}/subscription-trial`, { method: "POST", body: {} })
  return { trial: subscription_trial.lines.some((l) => l.eligible), total: cart.total }
}

/**
 * A student's upgrade: the higher tier goes in the cart with the credit for what they paid
 * for lower tiers (computed and applied by the server). If the credit cannot be applied, the
 * cart says why, at full price, rather than failing silently.
 */
const addUpgradeToCart: FormHandler = async (form) => {
  const variantId = text(form, "variant_id")
  const cartId = await cartWithVariant(variantId)
  try {
    await store(`/store/carts/${cartId}/upgrade-credit`, { method: "POST", body: { variant_id: variantId } })
  } catch (error) {
    const problem = error instanceof StoreError ? error.message : "The upgrade credit could not be applied"
    return `/cart?promo_error=${encodeURIComponent(`Upgrade credit not applied: ${problem}`)}`
  }
  return "/cart"
}

type Enrollment = { enrollment: { status: "enrolled" | "already_enrolled"; order: { id: string } | null } }

async function enroll(handle: string, body: Record<string, string>, auth: boolean) {
  const region = await getRegion()
  return store<Enrollment>(`/store/courses/${encodeURIComponent(handle)}/free-enrollment`, {
    method: "POST",
    auth,
    body: { region_id: region?.id ?? "", ...body },
    headers: await visitorHeaders(),
  })
}

/** "Enroll for free" (logged in): a zero-total order, no payment step; then its confirmation. */
const enrollForFree: FormHandler = async (form) => {
  const handle = text(form, "handle")
  const course = `/courses/${encodeURIComponent(handle)}`
  try {
    const order = (await enroll(handle, {}, true)).enrollment.order
    return order ? `/order/${order.id}` : course
  } catch (error) {
    if (error instanceof StoreError && error.status === 401) return `/account/login?next=${encodeURIComponent(course)}`
    if (error instanceof StoreError && error.status < 500) return `${course}?enroll_error=${encodeURIComponent(error.message)}`
    throw error
  }
}

/** A lead magnet: only an email. An email with an account is sent to log in. */
const optInByEmail: FormHandler = async (form) => {
  const handle = text(form, "handle")
  const course = `/courses/${encodeURIComponent(handle)}`
  try {
    await enroll(handle, { email: text(form, "email") }, false)
  } catch (error) {
    if (error instanceof StoreError && error.status === 409) return `${course}?enroll_error=${encodeURIComponent(error.message)}&login=1`
    if (error instanceof StoreError && error.status < 500) return `${course}?enroll_error=${encodeURIComponent(error.message)}`
    throw error
  }
  return `${course}?opted_in=1`
}

/**
 * A sales page's opt-in block: the address opts in to the block's lead magnet through
 * POST /store/marketing-opt-ins (double opt-in: the store answers the same 202 whether or not
 * the address is known), then back to the block on the page it was posted from.
 */
const optInFromPage: FormHandler = async (form) => {
  const path = text(form, "path")
  const back = (query: string) => `${path.startsWith("/") && !path.startsWith("//") ? path : "/"}?${query}#${encodeURIComponent(text(form, "block"))}`
  try {
    await store("/store/marketing-opt-ins", {
      method: "POST",
      auth: false,
      body: { email: text(form, "email"), course_id: text(form, "course_id") },
      headers: await visitorHeaders(),
    })
  } catch (error) {
    if (error instanceof StoreError && error.status < 500) return back(`opt_in_error=${encodeURIComponent(error.message)}`)
    throw error
  }
  return back("opted_in=1")
}

/** Marks a lesson complete and moves on to the next open lesson, if any. */
const markComplete: FormHandler = async (form) => {
  const handle = text(form, "handle")
  const placement = text(form, "placement")
  const next = text(form, "next")
  await store(`${lessonApi(handle, placement)}/progress`, { method: "POST", body: { status: "completed" } })
  return next ? lessonPath(handle, next) : `/courses/${encodeURIComponent(handle)}`
}

/** Quiz: start (or resume) an attempt; the lesson page shows it (`?attempt=`). */
const startQuiz: FormHandler = async (form) => {
  const handle = text(form, "handle")
  const placement = text(form, "placement")
  const { attempt } = await store<{ attempt: { id: string } }>(`${lessonApi(handle, placement)}/quiz/attempts`, { method: "POST" })
  return `${lessonPath(handle, placement)}?attempt=${encodeURIComponent(attempt.id)}`
}

/**
 * Quiz: the answers of an attempt (`q:<question id>` fields: option ids, or the text of a
 * short answer), graded on the server; the lesson page then shows the graded attempt.
 */
const submitQuiz: FormHandler = async (form) => {
  const handle = text(form, "handle")
  const placement = text(form, "placement")
  const attemptId = text(form, "attempt_id")
  const questions = String(form.get("questions") ?? "").split(",").filter(Boolean)
  const answers = questions.map((id) => {
    const kind = text(form, `kind:${id}`)
    const values = form.getAll(`q:${id}`).map(String)
    return kind === "short_answer" ? { question_id: id, text: (values[0] ?? "").trim() } : { question_id: id, option_ids: values }
  })
  await store(`${lessonApi(handle, placement)}/quiz/attempts/${encodeURIComponent(attemptId)}/submit`, { method: "POST", body: { answers } })
  return `${lessonPath(handle, placement)}?attempt=${encodeURIComponent(attemptId)}`
}

/** Assignment: text and/or one file (read here, sent base64 to the store route). */
const submitAssignment: FormHandler = async (form) => {
  const handle = text(form, "handle")
  const placement = text(form, "placement")
  const body: Record<string, unknown> = {}
  const answer = text(form, "text")
  if (answer) body.text = answer
  const file = form.get("file")
  if (file && typeof file === "object" && "arrayBuffer" in file && file.size > 0) {
    body.file = { name: file.name, mime_type: file.type || "application/octet-stream", content_base64: Buffer.from(await file.arrayBuffer()).toString("base64") }
  }
  const back = lessonPath(handle, placement)
  try {
    await store(`${lessonApi(handle, placement)}/assignment/submissions`, { method: "POST", body })
  } catch (error) {
    if (error instanceof StoreError && error.status < 500) return `${back}?error=${encodeURIComponent(error.message)}`
    throw error
  }
  return `${back}?submitted=1`
}

const logout: FormHandler = async () => {
  ;(await cookies()).delete(COOKIE.token)
  return "/"
}

/** The footer's region choice; the cart follows it. Back to the page it was chosen on. */
const setRegion: FormHandler = async (form) => {
  const regionId = text(form, "region_id")
  ;(await cookies()).set(COOKIE.region, regionId, cookieOptions(365))
  const cart = await getCart()
  if (cart) await store(`/store/carts/${cart.id}`, { method: "POST", body: { region_id: regionId } }).catch(() => {})
  return safeRedirectPath(text(form, "back") || (await refererPath()), "/")
}

/** Every form the storefront posts to `/form/<name>`; any other name is a 404. */
export const STORE_FORMS: Readonly<Record<string, FormHandler>> = Object.freeze({
  "add-to-cart": addToCart,
  "upgrade": addUpgradeToCart,
  "enroll-free": enrollForFree,
  "opt-in": optInByEmail,
  "page-opt-in": optInFromPage,
  "complete-lesson": markComplete,
  "quiz-start": startQuiz,
  "quiz-submit": submitQuiz,
  "assignment": submitAssignment,
  "logout": logout,
  "region": setRegion,
})
