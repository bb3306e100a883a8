"use server"

import { headers } from "next/headers"
import { redirect } from "next/navigation"
import { store, StoreError } from "@/lib/medusa"

type Confirmed = { confirmed: true; message: string }

/** Confirms a double opt-in (the button of /email/confirm): the store route does the checks. */
export async function confirmSubscription(form: FormData) {
  const token = String(form.get("token") ?? "")
  const ip = ((await headers()).get("x-forwarded-for") ?? "").split(",")[0].trim()
  let result: Confirmed
  try {
    result = await store<Confirmed>("/store/marketing-opt-ins/confirm", {
      method: "POST",
      auth: false,
      body: { token },
      headers: ip ? { "x-forwarded-for": ip } : {},
    })
  } catch (error) {
    if (error instanceof StoreError && error.status < 500) redirect(`/email/confirm?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect(`/email/confirm?done=${encodeURIComponent(result.message)}`)
}
