import { StripeProviderService } from "@medusajs/payment-stripe/dist/services"
import type { StripeOptions } from "@medusajs/payment-stripe/dist/types"
import type { CapturePaymentInput, CapturePaymentOutput } from "@medusajs/framework/types"
import { stripeEndpoint, type StripeEndpointOptions } from "./endpoint"
import { stripeFeeInOrderCurrency } from "./fee"
import { Stripe } from "./stripe-sdk"

type Options = StripeOptions & StripeEndpointOptions

/**
 * Medusa's Stripe provider with two seams: its client built with a configurable API host
 * (Medusa's provider builds `new Stripe(apiKey)` with no host option, so without this a test
 * could only reach the real Stripe), and the fee Stripe charged put on the captured
 * payment's data (`processing_fee`, read by @volmify/attribution's posting). Every other
 * behaviour (intents, capture, refunds, webhooks, zero-decimal currencies) is Medusa's own
 * code, inherited unchanged.
 */
export default class ConfigurableStripeProviderService extends StripeProviderService {
  static identifier = StripeProviderService.identifier

  protected readonly feeLogger_?: { warn(message: string): void }

  constructor(cradle: Record<string, unknown>, options: Options) {
    super(cradle, options)
    this.feeLogger_ = cradle.logger as { warn(message: string): void } | undefined
    const endpoint = stripeEndpoint(options)
    if (endpoint) {
      ;(this as unknown as { stripe_: unknown }).stripe_ = new Stripe(options.apiKey, endpoint)
    }
  }

  /**
   * Medusa's capture, then the charge's balance transaction (payment intent -> latest_charge
   * -> balance_transaction, one retrieve with expand): its fee, in the order's currency, goes
   * on the payment's data as `processing_fee`. The capture itself never fails for this: a
   * charge Stripe has not settled yet (no balance transaction) or an error reading it leaves
   * no fee, and the posting keeps the org's estimate (flagged as estimated).
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const captured = await super.capturePayment(input)
    const intent = captured.data as { id?: string; currency?: string } | undefined
    if (!intent?.id || !intent.currency) return captured
    try {
      const stripe = (this as unknown as { stripe_: import("stripe").default }).stripe_
      const expanded = await stripe.paymentIntents.retrieve(intent.id, { expand: ["latest_charge.balance_transaction"] })
      const charge = expanded.latest_charge
      const bt = charge && typeof charge === "object" ? charge.balance_transaction : null
      const fee = bt && typeof bt === "object" ? stripeFeeInOrderCurrency(bt, intent.currency) : null
      return fee ? { ...captured, data: { ...captured.data, processing_fee: fee } } : captured
    } catch (error) {
      this.feeLogger_?.warn(
        `Stripe: could not read the fee of payment intent ${intent.id} (${(error as Error).message}); the posting keeps the estimate`
      )
      return captured
    }
  }
}
