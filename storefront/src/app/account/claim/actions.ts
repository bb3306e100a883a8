"use server"

import { redirect } from "next/navigation"
import { confirmGuestClaim, requestGuestClaimLink } from "@/lib/guest-claim"

export async function emailClaimLink() {
  const message = await requestGuestClaimLink().catch(() => "The link could not be sent; please try again")
  redirect(`/account/claim?sent=${encodeURIComponent(message)}`)
}

export async function addGuestPurchases(form: FormData) {
  const token = String(form.get("token") ?? "")
  const result = await confirmGuestClaim(token)
  if ("error" in result) redirect(`/account/claim?error=${encodeURIComponent(result.error)}`)
  redirect(`/learn?claimed=${(result as { claimed: number }).claimed}`)
}
