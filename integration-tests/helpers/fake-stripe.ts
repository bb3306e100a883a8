import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { createRequire } from "node:module"
import qs from "qs"
import { useProcessEnv } from "./env"

/** The Stripe SDK @medusajs/payment-stripe uses (webhook signatures, response types). */
const Stripe = createRequire(require.resolve("@medusajs/payment-stripe"))("stripe")

type Intent = Record<string, any> & { id: string; amount: number; currency: string; status: string }
type Charge = Record<string, any> & { id: string; amount: number; currency: string; balance_transaction: string | null }
/** What Stripe charges for a captured intent: `fee` in smallest units of `currency` (default: the intent's). */
export type FakeFee = { fee: number; currency?: string; exchange_rate?: number }
type Reply = { status: number; body: unknown }

let seq = 0
const newId = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(++seq).toString(36)}`
const now = () => Math.floor(Date.now() / 1000)

/**
 * A local stand-in for the few Stripe API endpoints Medusa's Stripe provider calls
 * (payment intents create/retrieve/update/capture/cancel, refunds, customers, charges and
 * balance transactions retrieve, `expand[]=latest_charge.balance_transaction`), answering
 * with the objects Stripe documents (https://docs.stripe.com/api/payment_intents/object).
 * Amounts are in the currency's smallest unit, as Stripe's are (JPY: whole yen). Requests
 * with an Idempotency-Key Stripe has already answered get the same answer again, as Stripe's.
 * Tests drive what a browser would do (`confirm`: Stripe.js paid the intent) and what can
 * go wrong (`failCaptures`), and deliver signed webhook events (`signedEvent`). A captured
 * charge gets a balance transaction (with Stripe's fee) only when `chargeFees` says what the
 * fee is; otherwise it stays unsettled (`balance_transaction: null`), as a pending charge is.
 */
export class FakeStripe {
  readonly intents = new Map<string, Intent>()
  readonly refunds: Record<string, any>[] = []
  readonly charges = new Map<string, Charge>()
  readonly balanceTransactions = new Map<string, Record<string, any>>()
  private feeOf: ((intent: Intent) => FakeFee | null) | null = null
  readonly requests: { method: string; path: string }[] = []
  private readonly idempotent = new Map<string, Reply>()
  private captureFailure: string | null = null
  /** Saved payment methods whose off-session charges are declined (insufficient funds). */
  readonly declinedMethods = new Set<string>()
  /** Payment methods attached to Stripe customers by confirmed setup intents, newest first. */
  readonly customerMethods = new Map<string, string[]>()
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
    const charge: Charge = {
      id: newId("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: manual ? 0 : intent.amount,
      amount_refunded: 0,
      balance_transaction: null,
      captured: !manual,
      created: now(),
      currency: intent.currency,
      livemode: false,
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      status: "succeeded",
    }
    this.charges.set(charge.id, charge)
    Object.assign(intent, {
      status: manual ? "requires_capture" : "succeeded",
      amount_capturable: manual ? intent.amount : 0,
      amount_received: manual ? 0 : intent.amount,
      payment_method: "pm_card_visa",
      latest_charge: charge.id,
    })
    if (!manual) this.settle(intent)
    return intent
  }

  /** What Stripe will charge for the intents captured from now on (null: charges stay unsettled). */
  chargeFees(feeOf: ((intent: Intent) => FakeFee | null) | null) {
    this.feeOf = feeOf
  }

  /** The captured charge's balance transaction, with the fee `chargeFees` names (Stripe's documented shape). */
  private settle(intent: Intent) {
    const charge = this.charges.get(intent.latest_charge)
    const fee = charge && this.feeOf?.(intent)
    if (!charge || !fee) return
    const currency = (fee.currency ?? intent.currency).toLowerCase()
    const rate = currency === intent.currency ? null : fee.exchange_rate ?? null
    // The charge in the settlement currency (smallest units; integer maths, rate as Stripe's decimal).
    const amount = rate === null ? charge.amount : Math.round(charge.amount * rate)
    const bt = {
      id: newId("txn"),
      object: "balance_transaction",
      amount,
      available_on: now() + 2 * 86400,
      created: now(),
      currency,
      description: null,
      exchange_rate: rate,
      fee: fee.fee,
      fee_details: [{ amount: fee.fee, application: null, currency, description: "Stripe processing fees", type: "stripe_fee" }],
      net: amount - fee.fee,
      reporting_category: "charge",
      source: charge.id,
      status: "pending",
      type: "charge",
    }
    this.balanceTransactions.set(bt.id, bt)
    Object.assign(charge, { balance_transaction: bt.id, captured: true, amount_captured: charge.amount })
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
    if (resource === "charges" && method === "GET" && id) {
      const charge = this.charges.get(id)
      return charge ? ok(this.expandCharge(charge, expandsOf(params.expand, ""))) : notFound("charge", id)
    }
    if (resource === "balance_transactions" && method === "GET" && id) {
      const bt = this.balanceTransactions.get(id)
      return bt ? ok({ ...bt }) : notFound("balance_transaction", id)
    }
    if (resource === "customers" && method === "GET" && id && action === "payment_methods") {
      const data = (this.customerMethods.get(id) ?? []).map((pm) => ({ id: pm, object: "payment_method", type: "card", customer: id, created: now(), livemode: false }))
      return ok({ object: "list", data, has_more: false, url: `/v1/customers/${id}/payment_methods` })
    }
    if (resource === "customers" && method === "POST") {
      return ok({ id: id ?? newId("cus"), object: "customer", created: now(), email: params.email ?? null, name: params.name ?? null, phone: params.phone ?? null, livemode: false, metadata: {} })
    }
    if (resource === "setup_intents" && method === "POST" && !id) {
      // Saving a card for later off-session charges (payment module createPaymentMethods).
      const declined = params.payment_method && this.declinedMethods.has(params.payment_method)
      if (declined) return { status: 402, body: { error: { type: "card_error", code: "card_declined", message: "Your card was declined." } } }
      const seti = newId("seti")
      if (params.customer && params.payment_method && params.confirm) {
        this.customerMethods.set(params.customer, [params.payment_method, ...(this.customerMethods.get(params.customer) ?? []).filter((m) => m !== params.payment_method)])
      }
      return ok({
        id: seti, object: "setup_intent", client_secret: `${seti}_secret_fake`, created: now(), livemode: false,
        customer: params.customer ?? null, payment_method: params.payment_method ?? null, usage: params.usage ?? "off_session",
        status: params.payment_method && params.confirm ? "succeeded" : "requires_payment_method",
      })
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
    if (String(p.confirm) === "true" && p.payment_method) {
      // An off-session charge of a saved method (subscription renewals): Stripe confirms at
      // once and answers 402 card_error when the card is declined.
      intent.payment_method = String(p.payment_method)
      if (this.declinedMethods.has(intent.payment_method)) {
        const error = { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." }
        Object.assign(intent, { last_payment_error: error })
        return { status: 402, body: { error: { type: "card_error", ...error, payment_intent: intent } } }
      }
      this.confirm(intent.id)
      intent.payment_method = String(p.payment_method)
    }
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
    this.settle(intent)
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
    const view: Intent = { ...intent }
    if (expandsOf(expand, "").includes("payment_method") && typeof intent.payment_method === "string") {
      view.payment_method = { id: intent.payment_method, object: "payment_method", type: "card", card: { brand: "visa", last4: "4242" } }
    }
    if (expandsOf(expand, "").includes("latest_charge") && typeof intent.latest_charge === "string") {
      const charge = this.charges.get(intent.latest_charge)
      view.latest_charge = charge ? this.expandCharge(charge, expandsOf(expand, "latest_charge.")) : intent.latest_charge
    }
    return view
  }

  private expandCharge(charge: Charge, expand: string[]): Record<string, any> {
    const bt = expand.includes("balance_transaction") && charge.balance_transaction ? this.balanceTransactions.get(charge.balance_transaction) : null
    return { ...charge, ...(bt ? { balance_transaction: { ...bt } } : {}) }
  }
}

const ok = (body: unknown): Reply => ({ status: 200, body })
/** Stripe's `expand[]` paths under `prefix` ("latest_charge." -> "balance_transaction"), plus each path's own first segment. */
const expandsOf = (expand: unknown, prefix: string): string[] => {
  const paths = (Array.isArray(expand) ? expand : typeof expand === "string" ? [expand] : []).map(String)
  return paths.filter((p) => p.startsWith(prefix)).flatMap((p) => {
    const rest = p.slice(prefix.length)
    return [rest, rest.split(".")[0]]
  })
}
const notFound = (type: string, id?: string): Reply => ({
  status: 404,
  body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${type}: '${id}'` } },
})

/**
 * A FakeStripe for the whole spec file, with the variables Medusa's Stripe provider reads
 * pointed at it: started before the app boots, stopped after. Call at the top level, before
 * medusaIntegrationTestRunner (see useProcessEnv).
 */
export function useFakeStripe(webhookSecret: string): FakeStripe {
  const fake = new FakeStripe(webhookSecret)
  beforeAll(() => fake.start())
  afterAll(() => fake.stop())
  useProcessEnv({
    STRIPE_API_KEY: "sk_test_volmify_fake",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PROTOCOL: "http",
    STRIPE_API_PORT: () => String(fake.port),
  })
  return fake
}
