import { createHmac, timingSafeEqual } from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createCustomer } from "../../helpers/actors"
import { createRegion, createTieredProduct, eventually, placeOrder, TestRegion } from "../../helpers/commerce"
import { useProcessEnv } from "../../helpers/env"
import { send } from "../../helpers/http"
import { collectIds, createStaff, createTwoOrgFixture, ROLES, Role, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(240_000)

const { drainWebhookDeliveriesWorkflow, enqueueWebhookEventWorkflow } = require("@volmify/orgs/workflows")

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; answered: number }

// A receiver on loopback: the test allowlist lets exactly this host:port through.
const received: Received[] = []
const failuresLeft: Record<string, number> = {}
let receiver: http.Server
let port = 0
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = ""
    req.on("data", (c) => (body += c))
    req.on("end", () => {
      const path = req.url ?? ""
      let answered = 200
      if (path.startsWith("/down")) answered = 500
      else if ((failuresLeft[path] ?? 0) > 0) {
        failuresLeft[path]--
        answered = 503
      }
      received.push({ path, headers: req.headers, body, answered })
      res.statusCode = answered
      res.end(answered === 200 ? "ok" : "nope")
    })
  })
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()))
  port = (receiver.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise((r) => receiver.close(r))
})
useProcessEnv({ VOLMIFY_WEBHOOK_ALLOW_PRIVATE: () => `127.0.0.1:${port}` })

/** What a receiver does (README): HMAC-SHA256 of `${timestamp}.${raw body}` with the secret, `v1=` hex. */
function verify(secret: string, r: Received) {
  const ts = String(r.headers["volmify-webhook-timestamp"])
  const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${ts}.${r.body}`).digest("hex")}`)
  const given = Buffer.from(String(r.headers["volmify-webhook-signature"]))
  const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300
  return fresh && given.length === expected.length && timingSafeEqual(given, expected)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    const webhooks = () => getContainer().resolve<any>("webhook")
    const hook = (path: string) => `http://127.0.0.1:${port}${path}`
    const drain = async (now: Date) => (await drainWebhookDeliveriesWorkflow(getContainer()).run({ input: { now: now.toISOString() } })).result

    beforeAll(async () => {
      f = await createTwoOrgFixture(getContainer(), api, { prefix: "wh" })
      usd = await createRegion(getContainer(), "usd")
    })

    async function createHook(side: "a" | "b", path: string, events = ["order.placed"]) {
      const org = f[side]
      const { data } = await api.post(`/admin/orgs/${org.org.id}/webhooks`, { url: hook(path), events }, { headers: org.staff.owner.headers })
      return data as { webhook: { id: string }; secret: string }
    }

    async function orderIn(side: "a" | "b") {
      const org = f[side]
      const product = await createTieredProduct(getContainer(), org.org, {
        handle: `wh-${side}-${Date.now()}`,
        tiers: [{ title: "Basic", tier: 1, prices: { usd: 10 } }],
      })
      const customer = await createCustomer(api, org.key)
      return placeOrder(api, customer, usd, [product.variants[0].id])
    }

    describe("routes: actor matrix, another org's ids", () => {
      const actors = () => [
        { name: "anonymous", headers: {}, want: 401 },
        { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, want: 401 },
        { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, want: 401 },
        ...ROLES.map((r: Role) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, want: r === "owner" || r === "admin" ? "ok" : 403 })),
        { name: "owner of B", headers: f.b.staff.owner.headers, want: 404 },
        { name: "admin user of no org", headers: f.outsider.headers, want: 404 },
        { name: "platform operator", headers: f.platform.headers, want: "ok" },
      ]

      it("every route: owners, admins and operators of the org; others refused; nothing of B comes back", async () => {
        const { webhook } = await createHook("a", "/matrix")
        const failed = await webhooks().createWebhookDeliveries({
          org_id: f.a.org.id, endpoint_id: webhook.id, event_name: "order.placed", event_key: "order.placed:x",
          payload: { order_id: "order_x" }, status: "failed", attempts: 3, first_due_at: new Date(), next_attempt_at: null,
        })
        const base = `/admin/orgs/${f.a.org.id}/webhooks`
        const routes: [string, "get" | "post" | "delete", string, unknown?][] = [
          ["list", "get", base],
          ["create", "post", base, { url: hook("/matrix-new"), events: ["order.placed"] }],
          ["get", "get", `${base}/${webhook.id}`],
          ["update", "post", `${base}/${webhook.id}`, { description: "x" }],
          ["deliveries", "get", `${base}/${webhook.id}/deliveries`],
          ["resend", "post", `${base}/${webhook.id}/deliveries/${failed.id}/resend`],
          ["delete", "delete", `${base}/${webhook.id}`],
        ]
        const wrong: string[] = []
        for (const [label, method, url, body] of routes) {
          for (const actor of actors()) {
            // Deleting is last for every actor: put the endpoint back for the next one.
            const res = await send(api, method, url, actor.headers, body)
            const ok = actor.want === "ok" ? res.status < 300 : res.status === actor.want
            if (!ok) wrong.push(`${label} by ${actor.name}: ${res.status} (want ${actor.want}) ${JSON.stringify(res.data)}`)
            if (res.status < 300) {
              const ids = collectIds(res.data)
              expect([f.b.org.id, f.b.key.token].filter((id) => ids.has(id))).toEqual([])
            }
            if (label === "delete" && res.status < 300) await webhooks().restoreWebhookEndpoints(webhook.id)
            if (label === "resend" && res.status < 300) await webhooks().updateWebhookDeliveries({ id: failed.id, status: "failed", delivered_at: null })
          }
        }
        expect(wrong).toEqual([])
      })

      it("another org's ids in path, query and body answer 404 / 400 and change nothing", async () => {
        const a = await createHook("a", "/ids-a")
        const b = await createHook("b", "/ids-b")
        const bDelivery = await webhooks().createWebhookDeliveries({
          org_id: f.b.org.id, endpoint_id: b.webhook.id, event_name: "order.placed", event_key: "order.placed:y",
          payload: { order_id: "order_y" }, status: "failed", attempts: 1, first_due_at: new Date(),
        })
        const owner = f.a.staff.owner.headers
        const A = `/admin/orgs/${f.a.org.id}/webhooks`
        for (const [method, url, body] of [
          ["get", `${A}/${b.webhook.id}`],
          ["post", `${A}/${b.webhook.id}`, { enabled: false }],
          ["delete", `${A}/${b.webhook.id}`],
          ["get", `${A}/${b.webhook.id}/deliveries`],
          ["post", `${A}/${a.webhook.id}/deliveries/${bDelivery.id}/resend`],
          ["post", `${A}/${b.webhook.id}/deliveries/${bDelivery.id}/resend`],
          ["get", `/admin/orgs/${f.b.org.id}/webhooks`],
          ["post", `/admin/orgs/${f.b.org.id}/webhooks`, { url: hook("/x"), events: ["order.placed"] }],
        ] as [any, string, unknown?][]) {
          const res = await send(api, method, url, owner, body)
          expect([url, method, res.status]).toEqual([url, method, 404])
        }
        // Ids in the body and query are refused (strict schemas), not followed.
        for (const [method, url, body] of [
          ["post", A, { url: hook("/x"), events: ["order.placed"], org_id: f.b.org.id }],
          ["post", `${A}/${a.webhook.id}`, { org_id: f.b.org.id }],
          ["post", `${A}/${a.webhook.id}`, { id: b.webhook.id, enabled: false }],
          ["get", `${A}?fields=secret,org_id`],
          ["get", `${A}/${a.webhook.id}?fields=*deliveries`],
          ["get", `${A}/${a.webhook.id}/deliveries?endpoint_id=${b.webhook.id}`],
          ["post", A, { url: hook("/x"), events: ["order.placed", "org.created"] }],
          ["post", A, { url: hook("/x"), events: [] }],
          ["post", A, { url: `${hook("/x")}\u0000`, events: ["order.placed"] }],
        ] as [any, string, unknown?][]) {
          const res = await send(api, method, url, owner, body)
          expect([url, res.status]).toEqual([url, 400])
          expect(typeof res.data.message).toBe("string")
        }
        const [bNow] = await webhooks().listWebhookEndpoints({ id: b.webhook.id })
        expect(bNow.enabled).toBe(true)
        expect((await webhooks().listWebhookDeliveries({ id: bDelivery.id }))[0].status).toBe("failed")
      })

      it("the secret is shown once, at creation, and never again", async () => {
        const { webhook, secret } = await createHook("a", "/shown-once")
        expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/)
        const owner = f.a.staff.owner.headers
        for (const url of [`/admin/orgs/${f.a.org.id}/webhooks`, `/admin/orgs/${f.a.org.id}/webhooks/${webhook.id}`]) {
          const { data } = await api.get(url, { headers: owner })
          expect(JSON.stringify(data)).not.toContain(secret)
          expect(JSON.stringify(data)).not.toContain('"secret"')
        }
        const { data } = await api.post(`/admin/orgs/${f.a.org.id}/webhooks/${webhook.id}`, { description: "renamed" }, { headers: owner })
        expect(JSON.stringify(data)).not.toContain(secret)
      })

      it("refuses URLs that point at loopback, private, link-local or metadata addresses (create and update)", async () => {
        const owner = f.a.staff.owner.headers
        const A = `/admin/orgs/${f.a.org.id}/webhooks`
        for (const url of [
          "http://127.0.0.1/hook",
          `http://127.0.0.1:${port + 1}/hook`,
          "http://10.1.2.3/hook",
          "http://192.168.0.10/hook",
          "http://169.254.169.254/latest/meta-data",
          "http://[::1]/hook",
          `http://[::1]:${port}/hook`,
          `http://localhost:${port}/hook`,
          "http://0.0.0.0/hook",
          "ftp://example.com/hook",
        ]) {
          const res = await send(api, "post", A, owner, { url, events: ["order.placed"] })
          expect([url, res.status]).toEqual([url, 400])
          expect(res.data.message).toMatch(/private|loopback|https|resolve/)
        }
        const { webhook } = await createHook("a", "/ok")
        const res = await send(api, "post", `${A}/${webhook.id}`, owner, { url: "http://169.254.169.254/" })
        expect(res.status).toBe(400)
        expect((await webhooks().listWebhookEndpoints({ org_id: f.a.org.id, url: "http://169.254.169.254/" }))).toHaveLength(0)
      })
    })

    describe("deliveries", () => {
      it("signs each delivery; org B's endpoint never receives org A's events", async () => {
        const a = await createHook("a", "/signed-a")
        const b = await createHook("b", "/signed-b")
        const orderId = await orderIn("a")
        const got = await eventually(async () => received.filter((r) => r.path === "/signed-a"), { timeoutMs: 20_000 })
        expect(got).toHaveLength(1)
        const [r] = got
        expect(verify(a.secret, r)).toBe(true)
        expect(verify(b.secret, r)).toBe(false)
        expect(verify(a.secret, { ...r, body: r.body.replace(orderId, "order_forged") })).toBe(false)
        const body = JSON.parse(r.body)
        expect(body).toMatchObject({ type: "order.placed", org_id: f.a.org.id, data: { order_id: orderId } })
        expect(r.headers["volmify-webhook-event"]).toBe("order.placed")
        expect(r.headers["volmify-webhook-id"]).toBe(body.id)
        // The row is written right after the receiver answered.
        const delivery = await eventually(async () => {
          const [x] = await webhooks().listWebhookDeliveries({ endpoint_id: a.webhook.id })
          return x?.status === "succeeded" ? x : null
        })
        expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, response_status: 200 })
        expect(delivery.duration_ms).toBeGreaterThanOrEqual(0)

        // B: nothing queued, nothing received, even after the queue is drained.
        await drain(new Date(Date.now() + 60 * 60_000))
        expect(received.filter((x) => x.path === "/signed-b")).toEqual([])
        expect(await webhooks().listWebhookDeliveries({ endpoint_id: b.webhook.id })).toEqual([])
        expect(received.filter((x) => x.body.includes(f.b.org.id) || x.path === "/signed-b")).toEqual([])
      })

      it("a receiver failing 3 times then answering gets exactly one successful delivery, attempts = 4; a replay sends nothing", async () => {
        failuresLeft["/flaky"] = 3
        const { webhook, secret } = await createHook("a", "/flaky")
        const orderId = await orderIn("a")
        const first = await eventually(async () => {
          const [d] = await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })
          return d?.attempts === 1 ? d : null
        }, { timeoutMs: 20_000 })
        expect(first).toMatchObject({ status: "pending", response_status: 503 })
        let now = Date.now()
        for (let i = 0; i < 10; i++) {
          const [d] = await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })
          if (d.status !== "pending") break
          now = Math.max(now, new Date(d.next_attempt_at).getTime())
          await drain(new Date(now))
        }
        const [d] = await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })
        expect(d).toMatchObject({ status: "succeeded", attempts: 4, response_status: 200 })
        const calls = received.filter((r) => r.path === "/flaky")
        expect(calls.map((c) => c.answered)).toEqual([503, 503, 503, 200])
        expect(calls.every((c) => verify(secret, c))).toBe(true)
        // The same delivery id on every attempt (receivers can deduplicate).
        expect(new Set(calls.map((c) => c.headers["volmify-webhook-id"])).size).toBe(1)

        // The event again (a replay), and later drains: no new delivery, no new call.
        await enqueueWebhookEventWorkflow(getContainer()).run({ input: { name: "order.placed", data: { id: orderId } } })
        await drain(new Date(now + 24 * 60 * 60_000))
        expect(await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })).toHaveLength(1)
        expect(received.filter((r) => r.path === "/flaky")).toHaveLength(4)

        // A delivery that succeeded is not re-sent.
        const res = await send(api, "post", `/admin/orgs/${f.a.org.id}/webhooks/${webhook.id}/deliveries/${d.id}/resend`, f.a.staff.owner.headers)
        expect(res.status).toBe(409)
      })

      it("retries for 3 days, then gives up, disables the endpoint and emails the owner; re-send from the admin after a fix", async () => {
        // A second owner who has left (inactive) is not emailed.
        const gone = await createStaff(getContainer(), api, f.a.org.id, "owner", "gone-owner")
        const orgsModule = getContainer().resolve<any>("org")
        const [goneRow] = await orgsModule.listOrgEmployees({ org_id: f.a.org.id, user_id: gone.user.id })
        await orgsModule.updateOrgEmployees({ id: goneRow.id, status: "inactive" })
        const { webhook } = await createHook("a", "/down")
        await orderIn("a")
        await eventually(async () => (await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id, attempts: 1 } as any)).length, { timeoutMs: 20_000 })
        const start = Date.now()
        // Two days in: still pending and the endpoint still enabled.
        await drain(new Date(start + 2 * 24 * 3600_000))
        let [d] = await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })
        expect(d.status).toBe("pending")
        expect((await webhooks().listWebhookEndpoints({ id: webhook.id }))[0].enabled).toBe(true)
        // Three days and a bit: the last attempt fails, the delivery gives up, the endpoint is disabled.
        await drain(new Date(start + 3 * 24 * 3600_000 + 60_000))
        ;[d] = await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })
        expect(d).toMatchObject({ status: "failed", attempts: 3, response_status: 500 })
        const [endpoint] = await webhooks().listWebhookEndpoints({ id: webhook.id })
        expect(endpoint.enabled).toBe(false)
        expect(endpoint.disabled_reason).toMatch(/3 days/)
        const sent = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: f.a.staff.owner.user.email } as any)
        expect(sent.filter((n: any) => n.template === "webhook-endpoint-disabled")).toHaveLength(1)
        const toGone = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: gone.user.email } as any)
        expect(toGone.filter((n: any) => n.template === "webhook-endpoint-disabled")).toEqual([])

        // The log in the admin; re-send refused while disabled, then sent once re-enabled and fixed.
        const owner = f.a.staff.owner.headers
        const base = `/admin/orgs/${f.a.org.id}/webhooks/${webhook.id}`
        const log = (await api.get(`${base}/deliveries`, { headers: owner })).data
        expect(log.deliveries[0]).toMatchObject({ id: d.id, status: "failed", attempts: 3, response_status: 500 })
        expect((await send(api, "post", `${base}/deliveries/${d.id}/resend`, owner)).status).toBe(400)
        await api.post(base, { enabled: true, url: hook("/fixed") }, { headers: owner })
        const { data } = await api.post(`${base}/deliveries/${d.id}/resend`, {}, { headers: owner })
        expect(data.delivery).toMatchObject({ status: "succeeded", attempts: 4, response_status: 200 })
        expect(received.filter((r) => r.path === "/fixed")).toHaveLength(1)
      })

      it("checks the address again at delivery: a target that became private is not contacted", async () => {
        const { webhook } = await createHook("a", "/later-private")
        const previous = process.env.VOLMIFY_WEBHOOK_ALLOW_PRIVATE
        process.env.VOLMIFY_WEBHOOK_ALLOW_PRIVATE = ""
        try {
          await orderIn("a")
          const d = await eventually(async () => {
            const [x] = await webhooks().listWebhookDeliveries({ endpoint_id: webhook.id })
            return x?.attempts === 1 ? x : null
          }, { timeoutMs: 20_000 })
          expect(d.status).toBe("pending")
          expect(d.response_status).toBeNull()
          expect(d.last_error).toMatch(/private|loopback/)
          expect(received.filter((r) => r.path === "/later-private")).toEqual([])
        } finally {
          process.env.VOLMIFY_WEBHOOK_ALLOW_PRIVATE = previous
        }
      })
    })
  },
})
