import type { AccountHolderDTO, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { CustomerWithHoldersRow } from "../types/records"

/**
 * The customer's newest payment method saved through Medusa's payment module with one of
 * `providers` (the account holder's methods as the provider lists them; Stripe: newest
 * first), as the reference renewals charge; null when none is saved.
 */
export async function savedPaymentMethodOf(
  container: MedusaContainer,
  customerId: string,
  providers: string[]
): Promise<{ provider_id: string; ref: Record<string, string> } | null> {
  const { data: [customer] }: { data: (CustomerWithHoldersRow | undefined)[] } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "customer",
    fields: ["id", "account_holders.*"],
    filters: { id: customerId },
  })
  const holders = (customer?.account_holders ?? []).filter((h): h is AccountHolderDTO => !!h && providers.includes(h.provider_id))
  const payment = container.resolve(Modules.PAYMENT)
  for (const holder of holders) {
    const [method] = await payment.listPaymentMethods({ provider_id: holder.provider_id, context: { account_holder: holder } })
    if (method?.id) {
      const ref: Record<string, string> = { payment_method: method.id }
      if (typeof holder.data?.id === "string") ref.customer = holder.data.id
      return { provider_id: holder.provider_id, ref }
    }
  }
  return null
}
