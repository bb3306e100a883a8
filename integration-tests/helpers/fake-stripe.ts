import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { createRequire } from "node:module"
import qs from "qs"

/** The Stripe SDK @medusajs/payment-stripe uses (webhook signatures, response types). */
const Stripe = createRequire(require.resolve("@medusajs/payment-stripe"))("stripe")

type Intent = Record<string, any> & { id: string; amount: number; currency: string; status: string }
type Reply = { status: number; body: unknown }

let seq = 0
const newId = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(++seq).toString(36)}`
const now = () => Math.floor(Date.now() / 1000)

/**
 * A local stand-in for the few Stripe API endpoints Medusa's Stripe provider calls
 * (payment intents create/retrieve/update/capture/cancel, refunds, customers), answering
 * with the objects Stripe documents (https://docs.stripe.com/api/payment_intents/object).
 * Amounts are in the currency's smallest unit, as Stripe's are (JPY: whole yen). Requests
 * with an Idempotency-Key Stripe has already answered get the same answer again, as Stripe's.
 * Tests drive what a browser would do (`confirm`: Stripe.js paid the intent) and what can
 * go wrong (`failCaptures`), and deliver signed webhook events (`signedEvent`).
 */
export class FakeStripe {
  readonly intents = new Map<string, Intent>()
  readonly refunds: Record<string, any>[] = []
  readonly requests: { method: string; path: string }[] = []
  private readonly idempotent = new Map<string, Reply>()
  private captureFailure: string | null = null
  private server?: Server
  port = 0

  constructor(readonly webhookSecret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve))
    this.port = (this.server!.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** What Stripe.js does when the customer pays: the intent is authorized (manual capture) or paid. */
  confirm(intentId: string): Intent {
    const intent = this.mustFind(intentId)
    const manual = intent.capture_method !== "automatic"
    Object.assign(intent, {
      status: manual ? "requires_capture" : "succeeded",
      amount_capturable: manual ? intent.amount : 0,
      amount_received: manual ? 0 : intent.amount,
      payment_method: "pm_card_visa",
      latest_charge: newId("ch"),
    })
    return intent
  }

  /** Later captures are refused as Stripe refuses one whose authorization lapsed (null: accept again). */
  failCaptures(message: string | null) {
    this.captureFailure = message
  }

  /** A webhook event for an intent, with the `Stripe-Signature` header signed by `secret`. */
  signedEvent(type: string, intentId: string, secret = this.webhookSecret): { payload: string; signature: string } {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: "2024-04-10",
      created: now(),
      data: { object: { ...this.mustFind(intentId) } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    }
    const payload = JSON.stringify(event)
    return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) }
  }

  private mustFind(id: string): Intent {
    const intent = this.intents.get(id)
    if (!intent) throw new Error(`fake Stripe: no payment intent ${id}`)
    return intent
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? "/", "http://fake")
    const params = qs.parse(req.method === "GET" ? url.search.slice(1) : Buffer.concat(chunks).toString()) as Record<string, any>
    this.requests.push({ method: req.method ?? "", path: url.pathname })
    const key = req.headers["idempotency-key"]
    const cacheKey = typeof key === "string" ? `${req.method} ${url.pathname} ${key}` : null
    const reply = (cacheKey && this.idempotent.get(cacheKey)) || this.route(req.method ?? "GET", url.pathname, params)
    if (cacheKey && reply.status < 500) this.idempotent.set(cacheKey, reply)
    res.writeHead(reply.status, { "content-type": "application/json", "request-id": newId("req") })
    res.end(JSON.stringify(reply.body))
  }

  private route(method: string, path: string, params: Record<string, any>): Reply {
    const parts = path.split("/").filter(Boolean) // ["v1", resource, id?, action?]
    const [, resource, id, action] = parts
    if (resource === "payment_intents") {
      if (method === "POST" && !id) return this.createIntent(params)
      const intent = id && this.intents.get(id)
      if (!intent) return notFound("payment_intent", id)
      if (method === "GET" && !action) return ok(this.view(intent, params.expand))
      if (method === "POST" && !action) return ok(this.view(this.updateIntent(intent, params), params.expand))
      if (method === "POST" && action === "capture") return this.capture(intent)
      if (method === "POST" && action === "cancel") return this.cancel(intent)
    }
    if (resource === "refunds" && method === "POST") return this.refund(params)
    if (resource === "customers" && method === "POST") {
      return ok({ id: id ?? newId("cus"), object: "customer", created: now(), email: params.email ?? null, name: params.name ?? null, phone: params.phone ?? null, livemode: false, metadata: {} })
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `fake Stripe does not serve ${method} ${path}` } } }
  }

  private createIntent(p: Record<string, any>): Reply {
    const intent: Intent = {
      id: newId("pi"),
      object: "payment_intent",
      amount: Number(p.amount),
      amount_capturable: 0,
      amount_received: 0,
      currency: String(p.currency).toLowerCase(),
      capture_method: p.capture_method ?? "automatic",
      client_secret: "",
      created: now(),
      customer: p.customer ?? null,
      description: p.description ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: p.metadata ?? {},
      next_action: null,
      payment_method: null,
      payment_method_types: p.payment_method_types ?? ["card"],
      canceled_at: null,
      cancellation_reason: null,
      status: "requires_payment_method",
    }
    intent.client_secret = `${intent.id}_secret_fake`
    this.intents.set(intent.id, intent)
    return ok(this.view(intent, p.expand))
  }

  private updateIntent(intent: Intent, p: Record<string, any>): Intent {
    if (p.amount !== undefined) intent.amount = Number(p.amount)
    if (p.metadata) intent.metadata = { ...intent.metadata, ...p.metadata }
    return intent
  }

  private capture(intent: Intent): Reply {
    if (this.captureFailure) {
      Object.assign(intent, { status: "canceled", canceled_at: now(), cancellation_reason: "automatic", amount_capturable: 0 })
      return {
        status: 400,
        body: { error: { type: "invalid_request_error", code: "payment_intent_unexpected_state", message: this.captureFailure, payment_intent: intent } },
      }
    }
    if (intent.status !== "requires_capture") {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "payment_intent_unexpected_state",
            message: `This PaymentIntent could not be captured because it has a status of ${intent.status}.`,
            payment_intent: intent,
          },
        },
      }
    }
    Object.assign(intent, { status: "succeeded", amount_received: intent.amount, amount_capturable: 0 })
    return ok(intent)
  }

  private cancel(intent: Intent): Reply {
    Object.assign(intent, { status: "canceled", canceled_at: now(), amount_capturable: 0 })
    return ok(intent)
  }

  private refund(p: Record<string, any>): Reply {
    const intent = this.intents.get(p.payment_intent)
    if (!intent) return notFound("payment_intent", p.payment_intent)
    const refund = {
      id: newId("re"),
      object: "refund",
      amount: Number(p.amount ?? intent.amount_received),
      currency: intent.currency,
      charge: intent.latest_charge,
      payment_intent: intent.id,
      status: "succeeded",
      created: now(),
      metadata: {},
    }
    this.refunds.push(refund)
    return ok(refund)
  }

  private view(intent: Intent, expand: unknown): Intent {
    const expanded = Array.isArray(expand) && expand.includes("payment_method") && typeof intent.payment_method === "string"
    return expanded
      ? { ...intent, payment_method: { id: intent.payment_method, object: "payment_method", type: "card", card: { brand: "visa", last4: "4242" } } }
      : { ...intent }
  }
}

const ok = (body: unknown): Reply => ({ status: 200, body })
const notFound = (type: string, id?: string): Reply => ({
  status: 404,
  body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${type}: '${id}'` } },
})
