"use server"

import { headers } from "next/headers"
import { redirect } from "next/navigation"
import { store, StoreError } from "@/lib/medusa"

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()
const back = (path: string, query: string) => `${path.startsWith("/") && !path.startsWith("//") ? path : "/"}?${query}`

/**
 * A sales page's opt-in form: the address opts in to the block's lead magnet through
 * POST /store/marketing-opt-ins (double opt-in: the store always answers the same 202).
 */
export async function pageOptIn(form: FormData) {
  const path = text(form, "path")
  const ip = ((await headers()).get("x-forwarded-for") ?? "").split(",")[0].trim()
  try {
    await store("/store/marketing-opt-ins", {
      method: "POST",
      auth: false,
      body: { email: text(form, "email"), course_id: text(form, "course_id") },
      headers: ip ? { "x-forwarded-for": ip } : {},
    })
  } catch (error) {
    if (error instanceof StoreError && error.status < 500) redirect(back(path, `opt_in_error=${encodeURIComponent(error.message)}#${encodeURIComponent(text(form, "block"))}`))
    throw error
  }
  redirect(back(path, `opted_in=1#${encodeURIComponent(text(form, "block"))}`))
}
