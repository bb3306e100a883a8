import { acquireLockStep, createPaymentAccountHolderStep, createRemoteLinkStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import type { AccountHolderDTO, PaymentCustomerDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../modules/access"
import type AccessModuleService from "../modules/access/service"
import { updateSubscriptionStep } from "./steps/subscription-records"
import { cardNotSavedMessage } from "../rules/card-not-saved"
import type { CustomerWithHoldersRow } from "../types/records"

export type UpdateSubscriptionPaymentMethodInput = {
  subscription_id: string
  provider_id: string
  /** The provider's payment method (Stripe: a `pm_...` the browser made with Stripe.js). */
  payment_method?: string
  now: Date
}

/** The development provider: nothing to save, renewals are accepted as they are. */
const SYSTEM_PROVIDER = "pp_system_default"

/**
 * Checks the change (a live subscription; a provider enabled in its region; a payment
 * method for any provider but the development one) and finds the customer's account
 * holder with that provider. Reads only.
 */
export const planPaymentMethodUpdateStep = createStep(
  "plan-subscription-payment-method",
  async (input: UpdateSubscriptionPaymentMethodInput, { container }) => {
    const [sub] = await container.resolve<AccessModuleService>(ACCESS_MODULE).listSubscriptions({ id: input.subscription_id })
    if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Subscription "${input.subscription_id}" was not found`)
    if (!["trialing", "active", "past_due"].includes(sub.status)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Subscription "${sub.id}" is ${sub.status}: it no longer needs a payment method`)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const [{ data: [region] }, { data: [customer] }]: [
      { data: ({ id: string; payment_providers?: ({ id: string } | null)[] | null } | undefined)[] },
      { data: CustomerWithHoldersRow[] },
    ] = await Promise.all([
      query.graph({ entity: "region", fields: ["id", "payment_providers.id"], filters: { id: sub.region_id } }),
      query.graph({ entity: "customer", fields: ["id", "email", "account_holders.*"], filters: { id: sub.customer_id } }),
    ])
    const providers = (region?.payment_providers ?? []).map((p) => p?.id)
    if (!providers.includes(input.provider_id)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `provider_id "${input.provider_id}" is not a payment provider of this subscription's region`)
    }
    if (input.provider_id !== SYSTEM_PROVIDER && !input.payment_method) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `payment_method is required for provider_id "${input.provider_id}"`)
    }
    const holder = (customer?.account_holders ?? []).find((h) => h?.provider_id === input.provider_id) ?? null
    return new StepResponse({
      subscription: { id: sub.id, status: sub.status, customer_id: sub.customer_id },
      customer: { id: customer.id, email: customer.email },
      holder,
      saves: input.provider_id !== SYSTEM_PROVIDER,
    })
  }
)

/**
 * Saves the method with the provider through Medusa's payment module (Stripe: a confirmed
 * off-session setup intent on the account holder's Stripe customer) and returns the
 * reference renewals charge.
 */
export const savePaymentMethodStep = createStep(
  "save-subscription-payment-method",
  async (
    { provider_id, payment_method, holder, customer, subscription_id }: { provider_id: string; payment_method: string; holder: AccountHolderDTO | undefined; customer: PaymentCustomerDTO; subscription_id: string },
    { container }
  ) => {
    let saved: { id?: string } | undefined
    try {
      saved = await container.resolve(Modules.PAYMENT).createPaymentMethods({
        provider_id,
        data: { payment_method, usage: "off_session", confirm: true },
        context: { account_holder: holder, customer, idempotency_key: `${subscription_id}:${payment_method}` },
      })
    } catch (error) {
      // The provider did not save the card (Stripe: declined, expired, a failed setup intent):
      // 400 with its reason, so the customer can try another card. Logged in case it was ours.
      const message = cardNotSavedMessage(error)
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`${subscription_id}: ${provider_id} did not save ${payment_method}: ${message}`)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
    }
    const ref: Record<string, string> = { payment_method }
    if (typeof holder?.data?.id === "string") ref.customer = holder.data.id
    return new StepResponse({ ref, saved_id: saved?.id ?? null })
  }
)

/**
 * The customer's new payment method for a subscription: saved with the provider through
 * Medusa's payment module (account holder + saved payment method; none for the
 * development provider), then the subscription's provider and reference point to it. A
 * past-due subscription becomes due now so its retry charges the new method (the route
 * runs it at once).
 */
export const updateSubscriptionPaymentMethodWorkflow = createWorkflow(
  "update-subscription-payment-method",
  (input: UpdateSubscriptionPaymentMethodInput) => {
    const lockKey = transform({ input }, ({ input }) => `subscription:${input.subscription_id}`)
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 60 })
    const plan = planPaymentMethodUpdateStep(input)

    const created = when("create-account-holder", { plan }, ({ plan }) => plan.saves && !plan.holder).then(() => {
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

    const saved = when("save-payment-method", { plan }, ({ plan }) => plan.saves).then(() =>
      savePaymentMethodStep(
        transform({ plan, created, input }, ({ plan, created, input }) => ({
          provider_id: input.provider_id,
          payment_method: input.payment_method!,
          holder: plan.holder ?? created,
          customer: plan.customer,
          subscription_id: input.subscription_id,
        }))
      )
    )

    const updated = updateSubscriptionStep(
      transform({ plan, saved, input }, ({ plan, saved, input }) => ({
        id: input.subscription_id,
        payment_provider_id: input.provider_id,
        payment_method_ref: saved?.ref ?? null,
        ...(plan.subscription.status === "past_due" ? { next_charge_at: input.now } : {}),
      }))
    )
    emitEventStep({
      eventName: "subscription.updated",
      data: transform({ input }, ({ input }) => ({ id: input.subscription_id, payment_method_updated: true })),
    })
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(
      transform({ plan, updated }, ({ plan, updated }) => ({ subscription: updated, retry: plan.subscription.status === "past_due" }))
    )
  }
)
