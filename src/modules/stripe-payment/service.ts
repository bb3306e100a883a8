import { StripeProviderService } from "@medusajs/payment-stripe/dist/services"
import type { StripeOptions } from "@medusajs/payment-stripe/dist/types"
import { stripeEndpoint, type StripeEndpointOptions } from "./endpoint"
import { Stripe } from "./stripe-sdk"

type Options = StripeOptions & StripeEndpointOptions

/**
 * Medusa's Stripe provider with one seam: its client built with a configurable API host.
 * Medusa's provider builds `new Stripe(apiKey)` with no host option, so without this a test
 * could only reach the real Stripe. Every other behaviour (intents, capture, refunds,
 * webhooks, zero-decimal currencies) is Medusa's own code, inherited unchanged.
 */
export default class ConfigurableStripeProviderService extends StripeProviderService {
  static identifier = StripeProviderService.identifier

  constructor(cradle: Record<string, unknown>, options: Options) {
    super(cradle, options)
    const endpoint = stripeEndpoint(options)
    if (endpoint) {
      ;(this as unknown as { stripe_: unknown }).stripe_ = new Stripe(options.apiKey, endpoint)
    }
  }
}
