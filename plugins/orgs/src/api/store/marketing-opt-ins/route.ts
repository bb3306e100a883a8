import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { requestMarketingOptIn } from "../../../automation/opt-in"
import { createLimiter, envLimit, isRefusal, tooManyRequests } from "../../../security"
import { resolveStoreOrg } from "../../utils/store-org"

let perAddress: ReturnType<typeof createLimiter> | null = null

/** The same answer whoever the address belongs to (no way to learn who is a customer). */
const ACCEPTED = "Check your inbox: follow the link in the email we sent to confirm your subscription."

/**
 * POST /store/marketing-opt-ins { email, course_id }: a visitor asks for a lead magnet (a
 * published course of the key's org marked lead_magnet) and the org's emails. Double opt-in:
 * only a confirmation email is sent; the "opted in to a lead magnet" sequences start when
 * its link is followed (POST /store/marketing-opt-ins/confirm). Limited per client IP
 * (middleware) and per address: VOLMIFY_OPT_INS_PER_ADDRESS_PER_HOUR (default 3).
 */
export async function POST(req: MedusaStoreRequest<{ email: string; course_id: string }>, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const { email, course_id } = req.validatedBody
  perAddress ??= createLimiter({ keyPrefix: "opt-in-address", points: envLimit("VOLMIFY_OPT_INS_PER_ADDRESS_PER_HOUR", 3), durationSeconds: 3600 })
  try {
    await perAddress.consume(`${org.id}:${email}`)
  } catch (error) {
    if (isRefusal(error)) return tooManyRequests(res, error, "confirmation emails to this address")
    throw error
  }
  const { data } = await req.scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "course", fields: ["id", "org_id", "title", "status", "lead_magnet"], filters: { id: course_id } })
  const course = data[0] as { id: string; org_id: string; title: string; status: string; lead_magnet?: boolean } | undefined
  if (!course || course.org_id !== org.id || course.status !== "published" || !course.lead_magnet) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `course_id "${course_id}" is not a lead magnet of this store`)
  }
  await requestMarketingOptIn(req.scope, { org_id: org.id, email, course_id: course.id, course_title: course.title })
  res.status(202).json({ message: ACCEPTED })
}
