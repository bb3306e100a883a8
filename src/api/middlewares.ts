import { defineMiddlewares, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { claimOrgScopedRoutes, requireOrgScope, STAFF_ROLES } from "@volmify/orgs/tenancy"
import { Stripe } from "../modules/stripe-payment/stripe-sdk"


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

export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    // GET /admin/volmify/openapi.json: platform operators and org staff of any role (claimed
    // for staff with @volmify/orgs' requireOrgScope, like the plugins' own admin routes).
    { matcher: "/admin/volmify/openapi.json", methods: ["GET"], middlewares: [requireOrgScope(STAFF_ROLES)] },
    {
      // Stripe webhooks (pp_stripe_*): refuse a bad signature before anything is queued.
      matcher: "/hooks/payment/:provider",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
      middlewares: [verifyStripeSignature],
    },
  ],
}))
