import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enrollInSequences } from "../automation/engine"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"

export type ConfirmOptInInput = { opt_in_id: string; now?: string }
type Confirmed = { id: string; org_id: string; email: string; course_id: string | null }

const automationsOf = (container: MedusaContainer) => container.resolve<AutomationModuleService>(AUTOMATION_MODULE)

const REFUSALS = {
  unknown: "This confirmation link is not valid: check that you copied all of it",
  used: "This confirmation link was already used: your subscription is confirmed",
  expired: "This confirmation link has expired: sign up again to get a new one",
} as const

/** Marks the opt-in confirmed, once and before it expires (one UPDATE: racing clicks, one wins). */
export const confirmOptInStep = createStep(
  "confirm-marketing-opt-in",
  async (input: ConfirmOptInInput, { container }) => {
    const outcome = await automationsOf(container).confirmOptIn({ id: input.opt_in_id, now: input.now ? new Date(input.now) : new Date() })
    if ("refused" in outcome) throw new MedusaError(MedusaError.Types.INVALID_DATA, REFUSALS[outcome.refused])
    return new StepResponse(outcome.confirmed, outcome.confirmed.id)
  },
  async (id, { container }) => {
    if (!id) return
    await automationsOf(container).updateMarketingOptIns({ id, confirmed_at: null })
  }
)

/** The customer the address belongs to (an account holder first), or a new guest customer. */
export const findOrCreateOptInCustomerStep = createStep(
  "find-or-create-opt-in-customer",
  async (input: { email: string }, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const found = await customers.listCustomers({ email: input.email }, { select: ["id", "has_account"] })
    const existing = found.find((c) => c.has_account) ?? found[0]
    if (existing) return new StepResponse({ id: existing.id }, null as string | null)
    const created = await customers.createCustomers({ email: input.email, has_account: false })
    return new StepResponse({ id: created.id }, created.id)
  },
  async (createdId, { container }) => {
    if (!createdId) return
    await container.resolve(Modules.CUSTOMER).deleteCustomers([createdId])
  }
)

/** Starts the org's lead-magnet sequences (that course's, or any) for the customer: one run per sequence, ever. */
export const enrollOptInStep = createStep(
  "enroll-opt-in-sequences",
  async (input: { org_id: string; customer_id: string; course_id: string | null }, { container }) => {
    const ids = await enrollInSequences(container, {
      org_id: input.org_id,
      customer_id: input.customer_id,
      trigger_type: "lead_magnet_opt_in",
      refs: input.course_id ? [input.course_id] : [],
      context: input.course_id ? await courseContext(container, input.course_id) : undefined,
    })
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await automationsOf(container).deleteAutomationRuns(ids)
  }
)

async function courseContext(container: MedusaContainer, courseId: string) {
  const { data } = await container.resolve("query").graph({ entity: "course", fields: ["title", "handle"], filters: { id: courseId } })
  return data[0] ? { course_title: data[0].title, course_handle: data[0].handle } : undefined
}

/** The address gets the org's marketing again: an unsubscribe it made earlier is lifted (a bounce stays). */
export const liftUnsubscribeStep = createStep(
  "lift-unsubscribe-on-opt-in",
  async (input: { org_id: string; email: string }, { container }) => {
    const automations = automationsOf(container)
    const rows = await automations.listEmailSuppressions({ org_id: input.org_id, email: input.email, reason: "unsubscribed" }, { select: ["id"] })
    if (rows.length) await automations.softDeleteEmailSuppressions(rows.map((r) => r.id))
    return new StepResponse(undefined, rows.map((r) => r.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await automationsOf(container).restoreEmailSuppressions(ids)
  }
)

/**
 * Confirming a double opt-in (the link in the confirmation email): the opt-in is used up,
 * the address is the org's to email (an earlier unsubscribe lifted), and the
 * "opted in to a lead magnet" sequences start. Compensated step by step: a failure leaves
 * the link unused, no new customer, no runs, the suppression as it was.
 */
export const confirmMarketingOptInWorkflow = createWorkflow("confirm-marketing-opt-in", (input: ConfirmOptInInput) => {
  const optIn = confirmOptInStep(input)
  const customer = findOrCreateOptInCustomerStep(transform({ optIn }, ({ optIn }) => ({ email: (optIn as Confirmed).email })))
  liftUnsubscribeStep(transform({ optIn }, ({ optIn }) => ({ org_id: (optIn as Confirmed).org_id, email: (optIn as Confirmed).email })))
  const runs = enrollOptInStep(
    transform({ optIn, customer }, ({ optIn, customer }) => ({
      org_id: (optIn as Confirmed).org_id,
      customer_id: customer.id,
      course_id: (optIn as Confirmed).course_id,
    }))
  )
  return new WorkflowResponse({ opt_in_id: optIn.id, customer_id: customer.id, runs })
})
