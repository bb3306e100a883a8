// The faults suite's scenarios (see cluster.js): each returns figures; the jest spec asserts
// them and `npm run bench -- --only faults` writes them to bench/results/.
const { sleep } = require("./cluster")

/** HTTP against the cluster, counting every status (and network errors) per server. */
class Client {
  constructor(cluster) {
    this.cluster = cluster
    this.statuses = {}
    this.fivexx = []
  }
  async call(server, method, path, { key, token, body, timeoutMs = 30_000 } = {}) {
    const headers = { "content-type": "application/json" }
    if (key) headers["x-publishable-api-key"] = key
    if (token) headers.authorization = `Bearer ${token}`
    const started = Date.now()
    let status
    let json = null
    try {
      const res = await fetch(`${this.cluster.url(server)}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(timeoutMs) })
      status = res.status
      const text = await res.text()
      try {
        json = JSON.parse(text)
      } catch {
        json = { text: text.slice(0, 200) }
      }
    } catch (e) {
      status = e.name === "TimeoutError" ? "timeout" : "network"
      json = { error: String(e.message) }
    }
    this.statuses[status] = (this.statuses[status] || 0) + 1
    if (typeof status === "number" && status >= 500) this.fivexx.push({ at: new Date().toISOString(), server, method, path: path.split("?")[0], status, ms: Date.now() - started, message: json?.message })
    return { status, body: json, ms: Date.now() - started }
  }
  /** Retries while the answer is 503, a network error or a timeout (what a client does on Retry-After). */
  async retrying(server, method, path, opts = {}, { untilMs = 120_000 } = {}) {
    const until = Date.now() + untilMs
    for (let attempt = 0; ; attempt++) {
      const r = await this.call(server, method, path, opts)
      const retry = r.status === 503 || r.status === "network" || r.status === "timeout"
      if (!retry || Date.now() > until) return { ...r, attempts: attempt + 1 }
      await sleep(Math.min(2000, 200 * 2 ** attempt))
    }
  }
  /** 200-class or throws with what came back (`opts.retryUntilMs`: how long to retry, default 120 s). */
  async ok(server, method, path, opts = {}) {
    const r = await this.retrying(server, method, path, opts, { untilMs: opts.retryUntilMs ?? 120_000 })
    if (typeof r.status !== "number" || r.status >= 300) throw new Error(`${method} ${path} on ${server}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
    return r.body
  }
}

async function registerCustomer(client, server, key, label) {
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@faults.volmify.local`
  const password = "faults-password-1"
  const reg = (await client.ok(server, "POST", "/auth/customer/emailpass/register", { body: { email, password } })).token
  const { customer } = await client.ok(server, "POST", "/store/customers", { token: reg, key, body: { email, first_name: "Fault", last_name: "Tester" } })
  const token = (await client.ok(server, "POST", "/auth/customer/emailpass", { body: { email, password } })).token
  return { id: customer.id, email, token }
}

/** One storefront checkout of the course's Premium variant (guest unless `token`), referred or not. */
async function checkout(client, server, data, { email, token, referred, retryUntilMs }) {
  const key = data.publishable_key
  const { cart } = await client.ok(server, "POST", "/store/carts", { key, token, retryUntilMs, body: { region_id: data.region_id, email, items: [{ variant_id: data.variant_id, quantity: 1 }] } })
  if (referred) await client.ok(server, "POST", `/store/carts/${cart.id}/referral`, { key, token, retryUntilMs, body: { code: data.affiliate_code } })
  const { payment_collection } = await client.ok(server, "POST", "/store/payment-collections", { key, token, retryUntilMs, body: { cart_id: cart.id } })
  await client.ok(server, "POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { key, token, retryUntilMs, body: { provider_id: "pp_system_default" } })
  const done = await client.ok(server, "POST", `/store/carts/${cart.id}/complete`, { key, token, retryUntilMs })
  if (done.type !== "order") throw new Error(`checkout did not complete: ${JSON.stringify(done).slice(0, 300)}`)
  return { order_id: done.order.id, referred: !!referred, cart_id: cart.id }
}

/**
 * A burst of `n` guest checkouts, `concurrency` at a time, alternating over `servers`, every
 * other one referred. `during(progress)` is called as orders complete (to inject a fault).
 */
async function burst(client, cluster, { n, concurrency = 6, servers = ["server1", "server2"], label = "burst", onProgress = () => {} }) {
  const orders = []
  const failures = []
  let next = 0
  const started = Date.now()
  const runOne = async () => {
    for (;;) {
      const i = next++
      if (i >= n) return
      try {
        const order = await checkout(client, servers[i % servers.length], cluster.data, { email: `${label}-${i}-${Date.now()}@faults.volmify.local`, referred: i % 2 === 0 })
        orders.push(order)
        onProgress(orders.length)
      } catch (e) {
        failures.push(String(e.message).slice(0, 300))
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, runOne))
  return { orders, failures, seconds: (Date.now() - started) / 1000 }
}

/** For each order: entitlements, revenue postings, commissions (SQL on the suite's database). */
async function audit(cluster, orders) {
  const ids = orders.map((o) => o.order_id)
  const count = async (sql) => new Map((await cluster.sql(sql, [ids])).map((r) => [r.id, r.n]))
  const ent = await count(`select order_id as id, count(*)::int as n from entitlement where order_id = any($1) and deleted_at is null group by order_id`)
  const post = await count(`select reference_id as id, count(*)::int as n from ledger_transaction where reference_type = 'order' and reference_id = any($1) and deleted_at is null group by reference_id`)
  const com = await count(`select order_id as id, count(*)::int as n from affiliate_commission where order_id = any($1) and deleted_at is null group by order_id`)
  const [unbalanced] = await cluster.sql(
    `select count(*)::int as n from (select t.id from ledger_transaction t join ledger_entry e on e.transaction_id = t.id and e.deleted_at is null
      where t.reference_id = any($1) and t.deleted_at is null group by t.id
      having sum(case when e.direction = 'debit' then e.amount else 0 end) <> sum(case when e.direction = 'credit' then e.amount else 0 end)) u`,
    [ids]
  )
  const r = { orders: ids.length, referred: orders.filter((o) => o.referred).length, missing: { entitlements: 0, postings: 0, commissions: 0 }, duplicates: { entitlements: 0, postings: 0, commissions: 0 }, unexpected_commissions: 0, unbalanced_transactions: unbalanced.n }
  r.missing_orders = []
  for (const o of orders) {
    const e = ent.get(o.order_id) || 0
    const p = post.get(o.order_id) || 0
    const c = com.get(o.order_id) || 0
    if (e === 0) r.missing.entitlements++
    if (e > 1) r.duplicates.entitlements += e - 1
    if (p === 0) r.missing.postings++
    if (p > 1) r.duplicates.postings += p - 1
    if (o.referred && c === 0) r.missing.commissions++
    if (c > 1) r.duplicates.commissions += c - 1
    if (!o.referred && c > 0) r.unexpected_commissions += c
    if (e === 0 || p === 0 || (o.referred && c === 0)) r.missing_orders.push({ order_id: o.order_id, entitlements: e, postings: p, commissions: c, referred: o.referred })
  }
  // What the payments of an order left without its effects say (diagnosis: which step of the
  // capture a fault cut): collection status, captured_at, capture rows, capture transactions.
  if (r.missing_orders.length) {
    const rows = await cluster.sql(
      `select opc.order_id, pc.status as collection, pc.completed_at is not null as completed, p.captured_at is not null as captured,
        (select count(*)::int from capture c where c.payment_id = p.id and c.deleted_at is null) as captures,
        (select count(*)::int from order_transaction t where t.order_id = opc.order_id and t.reference = 'capture' and t.deleted_at is null) as capture_transactions
       from order_payment_collection opc join payment_collection pc on pc.id = opc.payment_collection_id
       left join payment p on p.payment_collection_id = pc.id and p.deleted_at is null
       where opc.order_id = any($1) and opc.deleted_at is null`,
      [r.missing_orders.map((m) => m.order_id)]
    ).catch((e) => [{ error: e.message }])
    for (const m of r.missing_orders) m.payments = rows.filter((x) => x.order_id === m.order_id || x.error).map(({ order_id, ...x }) => x)
  }
  const sum = (x) => x.entitlements + x.postings + x.commissions
  r.missing_total = sum(r.missing)
  r.duplicates_total = sum(r.duplicates)
  return r
}

/** Polls the audit until nothing is missing (or `timeoutMs`); returns it with how long it took. */
async function settle(cluster, orders, { timeoutMs = 180_000, from = Date.now() } = {}) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const r = await audit(cluster, orders)
    if (r.missing_total === 0 || Date.now() > until) {
      // A last look a moment later: work still running could only add duplicates.
      await sleep(1500)
      const final = await audit(cluster, orders)
      return { ...final, settled_after_s: Math.round((Date.now() - from) / 100) / 10 }
    }
    await sleep(500)
  }
}

/** Waits until `fn()` is truthy, polling every `everyMs`; returns the elapsed ms or null. */
async function waitFor(fn, { timeoutMs = 60_000, everyMs = 200 } = {}) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await fn()) return Date.now() - started
    await sleep(everyMs)
  }
  return null
}

module.exports = { Client, registerCustomer, checkout, burst, audit, settle, waitFor }
