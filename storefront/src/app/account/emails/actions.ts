"use server"

import { redirect } from "next/navigation"
import { store, StoreError } from "@/lib/medusa"

/** Turns this school's marketing emails on or off for the signed-in customer. */
export async function setMarketingEmails(form: FormData) {
  const marketing = form.get("marketing") === "on"
  try {
    await store("/store/email-preferences", { method: "POST", body: { marketing } })
  } catch (error) {
    if (error instanceof StoreError) redirect(`/account/emails?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect(`/account/emails?saved=${marketing ? "on" : "off"}`)
}
