"use server"

import { headers } from "next/headers"
import { redirect } from "next/navigation"
import { getRegion } from "@/lib/data"
import { store, StoreError } from "@/lib/medusa"

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()

type Enrollment = { enrollment: { status: "enrolled" | "already_enrolled"; order: { id: string } | null } }

/** The visitor's address for the store's abuse limits (believed only from trusted proxies). */
async function visitorHeaders(): Promise<Record<string, string>> {
  const ip = ((await headers()).get("x-forwarded-for") ?? "").split(",")[0].trim()
  return ip ? { "x-forwarded-for": ip } : {}
}

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
export async function enrollForFree(form: FormData) {
  const handle = text(form, "handle")
  let result: Enrollment
  try {
    result = await enroll(handle, {}, true)
  } catch (error) {
    if (error instanceof StoreError && error.status === 401) redirect(`/account/login?next=${encodeURIComponent(`/courses/${handle}`)}`)
    if (error instanceof StoreError && error.status < 500) redirect(`/courses/${handle}?enroll_error=${encodeURIComponent(error.message)}`)
    throw error
  }
  const order = result.enrollment.order
  redirect(order ? `/order/${order.id}` : `/courses/${handle}`)
}

/** A lead magnet: only an email. An email with an account is sent to log in. */
export async function optInByEmail(form: FormData) {
  const handle = text(form, "handle")
  const email = text(form, "email")
  try {
    await enroll(handle, { email }, false)
  } catch (error) {
    if (error instanceof StoreError && error.status === 409) {
      redirect(`/courses/${handle}?enroll_error=${encodeURIComponent(error.message)}&login=1`)
    }
    if (error instanceof StoreError && error.status < 500) redirect(`/courses/${handle}?enroll_error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect(`/courses/${handle}?opted_in=1`)
}
