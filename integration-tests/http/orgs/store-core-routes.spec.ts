import fs from "node:fs"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegion, createTieredProduct, TestProduct, TestRegion } from "../../helpers/commerce"
import { send } from "../../helpers/http"
import { collectIds, createTwoOrgFixture, OrgSide, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(600_000)

type Org = "a" | "b"
type RecordName = "guestCart" | "customerCart" | "completedGuestCart" | "guestOrder" | "customerOrder"
type Identity = "anonymous" | "customerA" | "customerB" | "placingGuest" | "otherGuest" | "staffA" | "platform"
type Outcome = "allowed" | "denied"
type Method = "get" | "post" | "delete"

/** One org's records under test (fresh ones are made for routes that change them). */
type Records = {
  guestCart: string
  customerCart: string
  completedGuestCart: string
  guestOrder: string
  customerOrder: string
  guestToken: string
  otherGuestToken: string
}

// Admin tokens count as anonymous on the store: checked once below, not on every route.
const IDENTITIES: Identity[] = ["anonymous", "customerA", "customerB", "placingGuest", "otherGuest"]

/**
 * The rule under test (ARCHITECTURE.md, "Store side"), written independently of the
 * plugin's: key of the record's channel; a registered customer's record for that customer;
 * a guest's open cart for its key; a guest order (and its completed cart) for the token of
 * the browser that placed it.
 */
function expected(record: RecordName, recordOrg: Org, keyOrg: Org, who: Identity, purpose: "use" | "complete"): Outcome {
  if (keyOrg !== recordOrg) return "denied"
  if (record === "customerCart" || record === "customerOrder") {
    return who === (recordOrg === "a" ? "customerA" : "customerB") ? "allowed" : "denied"
  }
  if (record === "guestCart") return "allowed"
  if (record === "completedGuestCart" && purpose === "complete") return "allowed"
  return who === "placingGuest" ? "allowed" : "denied"
}

/**
 * Every core /store route of Medusa 2.21.2 (and plugin route) that names a cart, order or
 * payment collection: how to call it for a record, which records it applies to, and the
 * status an allowed caller gets from Medusa. `fresh`: the call changes the record, so each
 * allowed call gets a record of its own.
 */
type Case = {
  route: string
  method: Method
  records: RecordName[]
  purpose?: "use" | "complete"
  fresh?: boolean
  allowedStatus: number | ((record: RecordName, who: Identity) => number)
  call: (ctx: CallCtx) => Promise<{ url: string; body?: unknown }>
}
type CallCtx = { id: string; org: Org; record: RecordName; line: () => Promise<string>; pc: () => Promise<string> }

const CART_OPEN: RecordName[] = ["guestCart", "customerCart"]
const ORDERS: RecordName[] = ["guestOrder", "customerOrder"]

const CASES: Case[] = [
  { route: "GET /store/carts/:id", method: "get", records: [...CART_OPEN, "completedGuestCart"], allowedStatus: 200, call: async ({ id }) => ({ url: `/store/carts/${id}` }) },
  { route: "POST /store/carts/:id", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ id }) => ({ url: `/store/carts/${id}`, body: { metadata: { note: "x" } } }) },
  { route: "POST /store/carts/:id/line-items", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ id, org }) => ({ url: `/store/carts/${id}/line-items`, body: { variant_id: VARIANT[org], quantity: 1 } }) },
  { route: "POST /store/carts/:id/line-items/:line_id", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ id, line }) => ({ url: `/store/carts/${id}/line-items/${await line()}`, body: { quantity: 2 } }) },
  { route: "DELETE /store/carts/:id/line-items/:line_id", method: "delete", records: CART_OPEN, fresh: true, allowedStatus: 200, call: async ({ id, line }) => ({ url: `/store/carts/${id}/line-items/${await line()}` }) },
  { route: "POST /store/carts/:id/promotions", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ id }) => ({ url: `/store/carts/${id}/promotions`, body: { promo_codes: [] } }) },
  { route: "DELETE /store/carts/:id/promotions", method: "delete", records: CART_OPEN, allowedStatus: 200, call: async ({ id }) => ({ url: `/store/carts/${id}/promotions`, body: { promo_codes: [] } }) },
  { route: "POST /store/carts/:id/shipping-methods", method: "post", records: CART_OPEN, allowedStatus: 400, call: async ({ id }) => ({ url: `/store/carts/${id}/shipping-methods`, body: { option_id: "so_does_not_exist" } }) },
  { route: "POST /store/carts/:id/taxes", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ id }) => ({ url: `/store/carts/${id}/taxes`, body: {} }) },
  {
    route: "POST /store/carts/:id/customer",
    method: "post",
    records: CART_OPEN,
    fresh: true,
    // Medusa's own check: only a logged-in customer takes a cart.
    allowedStatus: (_r, who) => (who === "customerA" || who === "customerB" ? 200 : 401),
    call: async ({ id }) => ({ url: `/store/carts/${id}/customer` }),
  },
  {
    route: "POST /store/carts/:id/complete",
    method: "post",
    records: [...CART_OPEN, "completedGuestCart"],
    purpose: "complete",
    // Open carts here have no payment session (Medusa: 400, nothing placed); a completed one answers its order again.
    allowedStatus: (record) => (record === "completedGuestCart" ? 200 : 400),
    call: async ({ id }) => ({ url: `/store/carts/${id}/complete` }),
  },
  { route: "POST /store/carts/:id/referral", method: "post", records: CART_OPEN, allowedStatus: 404, call: async ({ id }) => ({ url: `/store/carts/${id}/referral`, body: { code: "NO-SUCH-CODE" } }) },
  // @volmify/access: a logged-in customer only (401 otherwise); past the wall, a variant not in the cart is a 400.
  {
    route: "POST /store/carts/:id/upgrade-credit",
    method: "post",
    records: CART_OPEN,
    allowedStatus: (_r, who) => (who === "customerA" || who === "customerB" ? 400 : 401),
    call: async ({ id }) => ({ url: `/store/carts/${id}/upgrade-credit`, body: { variant_id: "variant_not_in_cart" } }),
  },
  { route: "POST /store/carts/:id/unknown-sub-route", method: "post", records: CART_OPEN, allowedStatus: 404, call: async ({ id }) => ({ url: `/store/carts/${id}/unknown-sub-route` }) },
  { route: "POST /store/payment-collections", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ id }) => ({ url: "/store/payment-collections", body: { cart_id: id } }) },
  { route: "POST /store/payment-collections/:id/payment-sessions", method: "post", records: CART_OPEN, allowedStatus: 200, call: async ({ pc }) => ({ url: `/store/payment-collections/${await pc()}/payment-sessions`, body: { provider_id: "pp_system_default" } }) },
  { route: "GET /store/shipping-options?cart_id=", method: "get", records: CART_OPEN, allowedStatus: 200, call: async ({ id }) => ({ url: `/store/shipping-options?cart_id=${id}` }) },
  // An unknown option: our 404 (Medusa 2.21.2 itself crashes with a 500 there).
  { route: "POST /store/shipping-options/:id/calculate", method: "post", records: CART_OPEN, allowedStatus: 404, call: async ({ id }) => ({ url: "/store/shipping-options/so_does_not_exist/calculate", body: { cart_id: id } }) },
  { route: "GET /store/orders/:id", method: "get", records: ORDERS, allowedStatus: 200, call: async ({ id }) => ({ url: `/store/orders/${id}` }) },
  {
    route: "POST /store/orders/:id/transfer/request",
    method: "post",
    records: ORDERS,
    // Allowed callers reach Medusa, which wants a logged-in customer and a guest order.
    allowedStatus: (record, who) => (who === "placingGuest" ? 401 : record === "customerOrder" ? 400 : 200),
    call: async ({ id }) => ({ url: `/store/orders/${id}/transfer/request`, body: {} }),
  },
  { route: "POST /store/orders/:id/transfer/cancel", method: "post", records: ORDERS, allowedStatus: (_r, who) => (who === "placingGuest" ? 401 : 400), call: async ({ id }) => ({ url: `/store/orders/${id}/transfer/cancel` }) },
  { route: "POST /store/returns", method: "post", records: ORDERS, allowedStatus: 400, call: async ({ id }) => ({ url: "/store/returns", body: { order_id: id, items: [] } }) },
]

// Transfer accept/decline: nobody without the emailed transfer token gets past the wall.
const TOKEN_ONLY: Case[] = [
  { route: "POST /store/orders/:id/transfer/accept", method: "post", records: ORDERS, allowedStatus: 0, call: async ({ id }) => ({ url: `/store/orders/${id}/transfer/accept`, body: { token: "not-the-token" } }) },
  { route: "POST /store/orders/:id/transfer/decline", method: "post", records: ORDERS, allowedStatus: 0, call: async ({ id }) => ({ url: `/store/orders/${id}/transfer/decline`, body: { token: "not-the-token" } }) },
]

const VARIANT: Record<Org, string> = { a: "", b: "" }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let usd: TestRegion
    const products: Partial<Record<Org, TestProduct>> = {}
    const rec: Partial<Record<Org, Records>> = {}
    let guestSeq = 0

    const side = (org: Org): OrgSide => f[org]
    const keyHeaders = (org: Org) => side(org).key.headers

    /** A cart with one line, as a guest (key only) or as the org's customer. */
    async function makeCart(org: Org, owner: "guest" | "customer") {
      const headers = owner === "guest" ? keyHeaders(org) : side(org).customer.headers
      const email = owner === "guest" ? `guest.${org}.${++guestSeq}.${Date.now()}@test.volmify.local` : side(org).customer.customer.email
      const { data } = await api.post(
        "/store/carts",
        { region_id: usd.id, email, items: [{ variant_id: VARIANT[org], quantity: 1 }] },
        { headers }
      )
      return { id: data.cart.id as string, headers, line: data.cart.items[0].id as string }
    }

    /** Pays and completes a cart; the guest order token comes back in a header. */
    async function complete(cart: { id: string; headers: Record<string, string> }) {
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: cart.id }, { headers: cart.headers })
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers: cart.headers })
      const res = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers: cart.headers })
      expect(res.data.type).toBe("order")
      return { orderId: res.data.order.id as string, token: res.headers["x-order-token"] as string }
    }

    async function makeRecords(org: Org): Promise<Records> {
      const guestCart = await makeCart(org, "guest")
      const customerCart = await makeCart(org, "customer")
      const placed = await makeCart(org, "guest")
      const guest = await complete(placed)
      const other = await complete(await makeCart(org, "guest"))
      const customer = await complete(await makeCart(org, "customer"))
      return {
        guestCart: guestCart.id,
        customerCart: customerCart.id,
        completedGuestCart: placed.id,
        guestOrder: guest.orderId,
        customerOrder: customer.orderId,
        guestToken: guest.token,
        otherGuestToken: other.token,
      }
    }

    function identityHeaders(who: Identity, keyOrg: Org, recordOrg: Org): Record<string, string> {
      const key = keyHeaders(keyOrg)
      switch (who) {
        case "anonymous":
          return key
        case "customerA":
          return { ...key, authorization: f.a.customer.headers.authorization }
        case "customerB":
          return { ...key, authorization: f.b.customer.headers.authorization }
        case "placingGuest":
          return { ...key, "x-order-token": rec[recordOrg]!.guestToken }
        case "otherGuest":
          return { ...key, "x-order-token": rec[recordOrg]!.otherGuestToken }
        case "staffA":
          return { ...key, authorization: f.a.staff.owner.headers.authorization }
        case "platform":
          return { ...key, authorization: f.platform.headers.authorization }
      }
    }

    /** A record for one call: the shared one, or a fresh one for routes that change it. */
    async function recordFor(c: Case, record: RecordName, org: Org, fresh: boolean): Promise<string> {
      if (!fresh) return rec[org]![record]
      if (record === "guestCart") return (await makeCart(org, "guest")).id
      if (record === "customerCart") return (await makeCart(org, "customer")).id
      if (record === "completedGuestCart") {
        const cart = await makeCart(org, "guest")
        await complete(cart)
        return cart.id
      }
      throw new Error(`no fresh ${record} for ${c.route}`)
    }

    /** As the record's owner: a line id of the cart (adds one when the cart has none). */
    async function lineOf(cartId: string, org: Org, record: RecordName) {
      const headers = record === "customerCart" ? side(org).customer.headers : keyHeaders(org)
      const { data } = await api.get(`/store/carts/${cartId}`, { headers })
      if (data.cart.items.length) return data.cart.items[0].id as string
      const added = await api.post(`/store/carts/${cartId}/line-items`, { variant_id: VARIANT[org], quantity: 1 }, { headers })
      return added.data.cart.items[0].id as string
    }

    async function paymentCollectionOf(cartId: string, org: Org, record: RecordName) {
      const headers = record === "customerCart" ? side(org).customer.headers : keyHeaders(org)
      const { data } = await api.post("/store/payment-collections", { cart_id: cartId }, { headers })
      return data.payment_collection.id as string
    }

    /** Every id of the other org's records and people. */
    const foreignIds = (org: Org) => {
      const other = org === "a" ? "b" : "a"
      const r = rec[other]!
      return [r.guestCart, r.customerCart, r.completedGuestCart, r.guestOrder, r.customerOrder, side(other).customer.customer.id, side(other).key.salesChannelId]
    }

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "w" })
      usd = await createRegion(container, "usd")
      for (const org of ["a", "b"] as Org[]) {
        products[org] = await createTieredProduct(container, side(org).org, {
          handle: `wall-${org}-${Date.now()}`,
          tiers: [{ title: "Basic", tier: 1, prices: { usd: 10 } }],
        })
        VARIANT[org] = products[org]!.variants[0].id
      }
      rec.a = await makeRecords("a")
      rec.b = await makeRecords("b")
    })

    /** Like helpers/http send(), with a body on DELETE too (promotions take one). */
    async function call(method: Method, url: string, headers: Record<string, string>, body?: unknown) {
      if (method !== "delete") return send(api, method, url, headers, body)
      try {
        const res = await api.delete(url, { headers, data: body })
        return { status: res.status, data: res.data }
      } catch (error: any) {
        if (!error?.response) throw error
        return { status: error.response.status, data: error.response.data }
      }
    }

    /** Runs one route over records of both orgs x both keys x every identity. */
    async function runMatrix(c: Case, outcome: (record: RecordName, recordOrg: Org, keyOrg: Org, who: Identity) => Outcome) {
      const wrong: string[] = []
      let count = 0
      for (const record of c.records) {
        for (const recordOrg of ["a", "b"] as Org[]) {
          for (const keyOrg of ["a", "b"] as Org[]) {
            for (const who of IDENTITIES) {
              const want = outcome(record, recordOrg, keyOrg, who)
              const id = await recordFor(c, record, recordOrg, !!c.fresh && want === "allowed")
              const { url, body } = await c.call({
                id,
                org: recordOrg,
                record,
                line: () => lineOf(id, recordOrg, record),
                pc: () => paymentCollectionOf(id, recordOrg, record),
              })
              const res = await call(c.method, url, identityHeaders(who, keyOrg, recordOrg), body)
              count++
              const label = `${c.route} ${record}(${recordOrg}) key ${keyOrg} as ${who}`
              if (want === "denied") {
                // The wall's own 404: Medusa never saw the request, nothing of the record shows.
                const ours = res.status === 404 && /^(Cart|Order|Payment collection) with id: \S+ was not found$/.test(String(res.data?.message))
                if (!ours) wrong.push(`${label}: ${res.status} ${JSON.stringify(res.data).slice(0, 200)} (expected the wall's 404)`)
                if (collectIds(res.data).size > 2) wrong.push(`${label}: a refusal carries data ${JSON.stringify(res.data).slice(0, 200)}`)
              } else {
                const status = typeof c.allowedStatus === "function" ? c.allowedStatus(record, who) : c.allowedStatus
                if (res.status !== status) wrong.push(`${label}: ${res.status} ${JSON.stringify(res.data).slice(0, 300)} (expected ${status})`)
              }
              // Customers are global: the caller's own id is not foreign.
              const own = who === "customerA" ? f.a.customer.customer.id : who === "customerB" ? f.b.customer.customer.id : null
              const leaked = foreignIds(recordOrg).filter((foreign) => foreign !== own && collectIds(res.data).has(foreign))
              if (leaked.length) wrong.push(`${label}: foreign ids in the body ${leaked.join(", ")}`)
            }
          }
        }
      }
      expect(wrong).toEqual([])
      return count
    }

    it.each(CASES.map((c) => [c.route, c]))("%s: the actor matrix over both orgs' carts and orders", async (_name, c) => {
      const count = await runMatrix(c as Case, (record, recordOrg, keyOrg, who) =>
        expected(record, recordOrg, keyOrg, who, (c as Case).purpose ?? "use")
      )
      expect(count).toBe((c as Case).records.length * 2 * 2 * IDENTITIES.length)
    })

    it.each(TOKEN_ONLY.map((c) => [c.route, c]))("%s: refused to everyone without the emailed transfer token", async (_name, c) => {
      await runMatrix(c as Case, () => "denied")
    })

    it("lists every core /store route of Medusa 2.21.2 that takes a cart, order or payment collection id", () => {
      const root = path.join(path.dirname(require.resolve("@medusajs/medusa/package.json")), "dist/api/store")
      const found: string[] = []
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name)
          if (entry.isDirectory()) walk(full)
          else if (entry.name === "route.js") {
            const src = fs.readFileSync(full, "utf8")
            const route = "/store/" + path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, ":$1")).join("/")
            const takesId = /^\/store\/(carts|orders|payment-collections)\/:id/.test(route) || /\b(cart_id|order_id)\b/.test(src)
            if (!takesId) continue
            for (const m of src.matchAll(/exports\.(GET|POST|DELETE) = \1/g)) found.push(`${m[1]} ${route}`)
          }
        }
      }
      walk(root)
      const covered = new Set([...CASES, ...TOKEN_ONLY].map((c) => c.route.replace("?cart_id=", "")))
      // GET /store/orders lists the caller's own orders (tested below); POST /store/carts makes a new one.
      const byOtherTests = new Set(["GET /store/orders", "POST /store/carts"])
      expect(found.filter((r) => !covered.has(r) && !byOtherTests.has(r)).sort()).toEqual([])
    })

    it("GET /store/orders: a customer's orders of this key's org only", async () => {
      // Customer A also buys on org B's storefront.
      const cart = await makeCart("b", "guest")
      await api.post(`/store/carts/${cart.id}/customer`, {}, { headers: { ...keyHeaders("b"), authorization: f.a.customer.headers.authorization } })
      const placed = await complete({ id: cart.id, headers: { ...keyHeaders("b"), authorization: f.a.customer.headers.authorization } })
      const fields = "id,sales_channel_id"
      const onA = await api.get(`/store/orders?fields=${fields}`, { headers: f.a.customer.headers })
      const onB = await api.get(`/store/orders?fields=${fields}`, { headers: { ...keyHeaders("b"), authorization: f.a.customer.headers.authorization } })
      const idsA = onA.data.orders.map((o: any) => o.id)
      expect(idsA).toContain(rec.a!.customerOrder)
      expect(idsA).not.toContain(placed.orderId)
      expect(new Set(onA.data.orders.map((o: any) => o.sales_channel_id))).toEqual(new Set([f.a.key.salesChannelId]))
      expect(onB.data.orders.map((o: any) => [o.id, o.sales_channel_id])).toEqual([[placed.orderId, f.b.key.salesChannelId]])
      // Org B's own customer does not read customer A's order on B's storefront.
      expect((await send(api, "get", `/store/orders/${placed.orderId}`, f.b.customer.headers)).status).toBe(404)
    })

    it("staff and platform admin tokens count as anonymous on the store", async () => {
      for (const token of [f.a.staff.owner.headers.authorization, f.platform.headers.authorization]) {
        const headers = { ...keyHeaders("a"), authorization: token }
        expect((await send(api, "get", `/store/orders/${rec.a!.customerOrder}`, headers)).status).toBe(404)
        expect((await send(api, "get", `/store/orders/${rec.a!.guestOrder}`, headers)).status).toBe(404)
        expect((await send(api, "get", `/store/carts/${rec.a!.customerCart}`, headers)).status).toBe(404)
        expect((await send(api, "get", `/store/carts/${rec.a!.guestCart}`, headers)).status).toBe(200)
      }
    })

    it("POST /store/carts/:id cannot move a cart into another org's sales channel", async () => {
      const res = await send(api, "post", `/store/carts/${rec.a!.guestCart}`, keyHeaders("a"), { sales_channel_id: f.b.key.salesChannelId })
      expect(res.status).toBe(400)
      expect(res.data.message).toBe("sales_channel_id must be a sales channel of the publishable API key")
      const { data } = await api.get(`/store/carts/${rec.a!.guestCart}`, { headers: keyHeaders("a") })
      expect(data.cart.sales_channel_id).toBe(f.a.key.salesChannelId)
    })

    it("a key's cart takes only its own org's variants: another org's variant answers like an unknown one, nothing added", async () => {
      const unknown = await send(api, "post", `/store/carts/${rec.a!.guestCart}/line-items`, keyHeaders("a"), { variant_id: "variant_does_not_exist", quantity: 1 })
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("Variants variant_does_not_exist do not exist or belong to a product that is not published")
      const before = (await api.get(`/store/carts/${rec.a!.guestCart}`, { headers: keyHeaders("a") })).data.cart.items.length
      const foreign = await send(api, "post", `/store/carts/${rec.a!.guestCart}/line-items`, keyHeaders("a"), { variant_id: VARIANT.b, quantity: 1 })
      expect([foreign.status, foreign.data.message]).toEqual([400, `Variants ${VARIANT.b} do not exist or belong to a product that is not published`])
      const after = (await api.get(`/store/carts/${rec.a!.guestCart}`, { headers: keyHeaders("a") })).data.cart.items
      expect(after.length).toBe(before)
      expect(after.map((i: any) => i.variant_id)).not.toContain(VARIANT.b)
      // The same on a new cart with items, as a logged-in customer of the key's org, and mixed with an own variant.
      const create = await send(api, "post", "/store/carts", f.a.customer.headers, { region_id: usd.id, items: [{ variant_id: VARIANT.a, quantity: 1 }, { variant_id: VARIANT.b, quantity: 1 }] })
      expect([create.status, create.data.message]).toEqual([400, `Variants ${VARIANT.b} do not exist or belong to a product that is not published`])
      // Its own variant still goes in, both ways.
      expect((await send(api, "post", `/store/carts/${rec.a!.guestCart}/line-items`, keyHeaders("a"), { variant_id: VARIANT.a, quantity: 1 })).status).toBe(200)
      const own = await send(api, "post", "/store/carts", keyHeaders("b"), { region_id: usd.id, items: [{ variant_id: VARIANT.b, quantity: 1 }] })
      expect(own.status).toBe(200)
      expect(own.data.cart.items.map((i: any) => i.variant_id)).toEqual([VARIANT.b])
    })

    it("an email with an account is for its owner's login: no guest cart is bound to a stranger's account", async () => {
      const email = f.a.customer.customer.email.toUpperCase()
      const create = await send(api, "post", "/store/carts", keyHeaders("a"), { region_id: usd.id, email })
      expect([create.status, create.data.message]).toEqual([400, "An account exists for this email: log in to use it"])
      const update = await send(api, "post", `/store/carts/${rec.a!.guestCart}`, keyHeaders("a"), { email })
      expect(update.status).toBe(400)
      const asOther = await send(api, "post", "/store/carts", { ...keyHeaders("a"), authorization: f.b.customer.headers.authorization }, { region_id: usd.id, email })
      expect(asOther.status).toBe(400)
      // The owner, logged in, may; and a guest's own address is fine.
      expect((await send(api, "post", "/store/carts", f.a.customer.headers, { region_id: usd.id, email })).status).toBe(200)
      expect((await send(api, "post", "/store/carts", keyHeaders("a"), { region_id: usd.id, email: "someone.new@test.volmify.local" })).status).toBe(200)
      const { data } = await api.get(`/store/carts/${rec.a!.guestCart}`, { headers: keyHeaders("a") })
      expect(data.cart.customer_id).not.toBe(f.a.customer.customer.id)
    })

    it("ids in odd shapes: wrong case paths, encoded ids, non-string body ids, unknown ids", async () => {
      const id = rec.a!.customerOrder
      expect((await send(api, "get", `/STORE/ORDERS/${id}`, keyHeaders("a"))).status).toBe(404)
      expect((await send(api, "get", `/store/orders/${id}/`, keyHeaders("a"))).status).toBe(404)
      const encoded = id.replace("_", "%5F")
      expect((await send(api, "get", `/store/orders/${encoded}`, keyHeaders("a"))).status).toBe(404)
      expect((await send(api, "get", `/store/orders/${encoded}`, f.a.customer.headers)).status).toBe(200)
      const arrayId = await send(api, "post", "/store/payment-collections", keyHeaders("a"), { cart_id: [rec.a!.guestCart] })
      expect(arrayId.status).toBe(400)
      expect(arrayId.data.message).toBe("cart_id must be a non-empty string")
      expect((await send(api, "get", "/store/carts/cart_does_not_exist", keyHeaders("a"))).status).toBe(404)
      expect((await send(api, "get", "/store/orders/%E0%A4%A", keyHeaders("a"))).status).toBe(400)
    })

    it("a guest order token: altered, of another order or expired, opens nothing", async () => {
      const token = rec.a!.guestToken
      const altered = token.slice(0, -1) + (token.endsWith("0") ? "1" : "0")
      for (const t of [altered, rec.a!.otherGuestToken, "v1.x.1.00", ""]) {
        const res = await send(api, "get", `/store/orders/${rec.a!.guestOrder}`, { ...keyHeaders("a"), "x-order-token": t })
        expect(res.status).toBe(404)
      }
      const ok = await send(api, "get", `/store/orders/${rec.a!.guestOrder}`, { ...keyHeaders("a"), "x-order-token": token })
      expect(ok.status).toBe(200)
      expect(ok.data.order.id).toBe(rec.a!.guestOrder)
    })

    it("Medusa's order transfer: a customer holding the guest token requests it, the emailed token accepts it", async () => {
      const order = rec.b!.guestOrder
      const asCustomer = { ...keyHeaders("b"), authorization: f.b.customer.headers.authorization }
      expect((await send(api, "post", `/store/orders/${order}/transfer/request`, asCustomer, {})).status).toBe(404)
      const requested = await send(api, "post", `/store/orders/${order}/transfer/request`, { ...asCustomer, "x-order-token": rec.b!.guestToken }, {})
      expect(requested.status).toBe(200)
      // Another customer cannot cancel it; the requester can.
      const asOther = { ...keyHeaders("b"), authorization: f.a.customer.headers.authorization }
      expect((await send(api, "post", `/store/orders/${order}/transfer/cancel`, asOther)).status).toBe(404)
      const { data } = await getContainer().resolve<any>("query").graph({
        entity: "order_change",
        fields: ["actions.action", "actions.details"],
        filters: { order_id: order, status: ["pending", "requested"] },
      })
      const token = data[0].actions.find((a: any) => a.action === "TRANSFER_CUSTOMER").details.token
      expect((await send(api, "post", `/store/orders/${order}/transfer/accept`, keyHeaders("a"), { token })).status).toBe(404)
      const accepted = await send(api, "post", `/store/orders/${order}/transfer/accept`, keyHeaders("b"), { token })
      expect(accepted.status).toBe(200)
      // Now it is the customer's order: their token opens it, the guest token no longer does.
      expect((await send(api, "get", `/store/orders/${order}`, asCustomer)).status).toBe(200)
      expect((await send(api, "get", `/store/orders/${order}`, { ...keyHeaders("b"), "x-order-token": rec.b!.guestToken })).status).toBe(404)
    })
  },
})
