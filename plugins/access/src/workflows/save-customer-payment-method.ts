import { createPaymentAccountHolderStep, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { savePaymentMethodStep } from "./update-subscription-payment-method"
import type { CustomerWithHoldersRow } from "../types/records"

export type SaveCustomerPaymentMethodInput = { customer_id: string; provider_id: string; payment_method: string }

/** An enabled provider that saves methods (not the development one) and the customer's account holder with it. Reads only. */
export const planCustomerPaymentMethodStep = createStep(
  "plan-customer-payment-method",
  async (input: SaveCustomerPaymentMethodInput, { container }) => {
    if (input.provider_id === "pp_system_default") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `provider_id "pp_system_default" saves no payment method: nothing to save`)
    }
    const [provider] = await container.resolve(Modules.PAYMENT).listPaymentProviders({ id: input.provider_id, is_enabled: true })
    if (!provider) throw new MedusaError(MedusaError.Types.INVALID_DATA, `provider_id "${input.provider_id}" is not an enabled payment provider`)
    const { data: [customer] }: { data: (CustomerWithHoldersRow | undefined)[] } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "customer",
      fields: ["id", "email", "account_holders.*"],
      filters: { id: input.customer_id },
    })
    if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer "${input.customer_id}" was not found`)
    const holder = (customer.account_holders ?? []).find((h) => h?.provider_id === input.provider_id) ?? null
    return new StepResponse({ customer: { id: customer.id, email: customer.email }, holder })
  }
)

/**
 * Saves a payment method for the customer with a provider through Medusa's payment module
 * (account holder created and linked when missing; Stripe: a confirmed off-session setup
 * intent), before any subscription exists: a free-trial checkout does this so the
 * subscription it starts finds the method (startSubscriptionsForOrder lists the account
 * holder's saved methods).
 */
export const saveCustomerPaymentMethodWorkflow = createWorkflow("save-customer-payment-method", (input: SaveCustomerPaymentMethodInput) => {
  const plan = planCustomerPaymentMethodStep(input)
  const created = when("create-customer-account-holder", { plan }, ({ plan }) => !plan.holder).then(() => {
    const holder = createPaymentAccountHolderStep(
      transform({ plan, input }, ({ plan, input }) => ({ provider_id: input.provider_id, context: { customer: plan.customer } }))
    )
    createRemoteLinkStep(
      transform({ plan, holder }, ({ plan, holder }) => [
        { [Modules.CUSTOMER]: { customer_id: plan.customer.id }, [Modules.PAYMENT]: { account_holder_id: holder.id } },
      ])
    )
    return holder
  })
  const saved = savePaymentMethodStep(
    transform({ plan, created, input }, ({ plan, created, input }) => ({
      provider_id: input.provider_id,
      payment_method: input.payment_method,
      holder: plan.holder ?? created,
      customer: plan.customer,
      subscription_id: `customer:${input.customer_id}`,
    }))
  )
  return new WorkflowResponse(
    transform({ saved, input }, ({ saved, input }) => ({ provider_id: input.provider_id, ...saved.ref }))
  )
})
