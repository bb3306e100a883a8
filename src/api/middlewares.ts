import { defineMiddlewares, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { Stripe } from "../modules/stripe-payment/stripe-sdk"

// GET /admin/volmify/openapi.json answers operators and org staff itself (its route): the
// org-scope gate lets it through like the plugins' self-guarded routes; nothing else here.
const { allowSelfGuardedAdminRoutes } = require("@volmify/orgs/api/admin-scope/gate") as {
  allowSelfGuardedAdminRoutes(pattern: RegExp): void
}
allowSelfGuardedAdminRoutes(/^\/admin\/volmify\/openapi\.json$/)

/**
 * Medusa's webhook route answers 200 to anything and checks the signature later, in a
 * subscriber: Stripe would never learn that a request was refused, and a forged one would
 * queue work. With a webhook secret configured, a Stripe webhook whose signature does not
 * verify is answered 400 here and never reaches the event bus.
 */
async function verifyStripeSignature(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const secret = process.env.STRIPE_WEBHOOK_SECRET
  const provider = req.path.split("/").filter(Boolean).pop() ?? ""
  if (!secret || !provider.startsWith("stripe")) {
    return next()
  }
  try {
    const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody ?? Buffer.from("")
    Stripe.webhooks.constructEvent(raw, String(req.headers["stripe-signature"] ?? ""), secret)
  } catch (error) {
    res.status(400).json({ type: "invalid_data", message: `Stripe webhook signature: ${(error as Error).message}` })
    return
  }
  next()
}

export default defineMiddlewares({
  routes: [
    {
      // Stripe webhooks (pp_stripe_*): refuse a bad signature before anything is queued.
      matcher: "/hooks/payment/:provider",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
      middlewares: [verifyStripeSignature],
    },
  ],
})
