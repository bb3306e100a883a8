import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import ConfigurableStripeProviderService from "./service"

/** Payment provider `pp_stripe_<id>`: Medusa's Stripe provider with a configurable API host. */
export default ModuleProvider(Modules.PAYMENT, { services: [ConfigurableStripeProviderService] })
