import { readFileSync, writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

// P4 (`medusa exec ./bench/backlog.ts`, run by bench/run.js): attribution and affiliate
// commission postings for a backlog of captured orders, for N and 10N orders.
//
// Set-up, not timed (bulk through module services): in the org of the bench's first
// course, two attribution rules on its product (30 % and 20 %), an enabled affiliate
// program (10 %, automatic, no hold) and one approved affiliate; per size, fresh buyers,
// orders of one Premium line ($199) each with a payment collection fully captured and
// linked to the order, and every other order with a cart carrying the affiliate's referral.
//
// Timed: the backlog workflows over chunks of 500 orders, postOrdersRevenueWorkflow (the
// postings payment.captured makes one order at a time) then createOrdersCommissionsWorkflow
// (what order.placed makes), then approveDueCommissionsWorkflow over the new commissions
// (the hourly job; ledger postings), in chunks of 500.
//
// Checked afterwards in SQL: one order posting per order, every ledger transaction balanced,
// one commission per referred order, each approved with exactly one ledger posting.

const CHUNK = 500

export default async function backlog({ container }: ExecArgs) {
  const sizes = (process.env.BENCH_BACKLOG_SIZES || "10,100").split(",").map((n) => Number(n))
  if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error("BENCH_BACKLOG_SIZES must be integers >= 2, e.g. 10,100")
  const data = JSON.parse(readFileSync(process.env.BENCH_SUMMARY as string, "utf8"))
  const stamp = Date.now().toString(36)
  const { postOrdersRevenueWorkflow } = require("@volmify/attribution/workflows")
  const { createOrdersCommissionsWorkflow, approveDueCommissionsWorkflow } = require("@volmify/affiliates/workflows")
  const courses = container.resolve<any>("course")
  const orgs = container.resolve<any>("org")
  const attribution = container.resolve<any>("attribution")
  const affiliates = container.resolve<any>("affiliates")
  const customers = container.resolve(Modules.CUSTOMER)
  const users = container.resolve(Modules.USER)
  const orderModule = container.resolve(Modules.ORDER)
  const cartModule = container.resolve(Modules.CART)
  const paymentModule = container.resolve(Modules.PAYMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any

  const course = await courses.retrieveCourse(data.course.id)
  const org = await orgs.retrieveOrg(course.org_id)
  const productId = course.product_id
  const premium = data.variant_ids.Premium as string
  const past = new Date(Date.now() - 24 * 3600_000)

  // Rules, program and affiliate (once).
  const madeUsers = await users.createUsers([0, 1].map((i) => ({ email: `bench-creator-${stamp}-${i}@bench.volmify.local` })))
  const employees = await orgs.createOrgEmployees(madeUsers.map((u: any) => ({ org_id: org.id, user_id: u.id, role: "creator" })))
  // A re-run (--reuse-db) replaces the rules an earlier run set on this product.
  const earlier = await attribution.listAttributionRules({ product_id: productId }, { select: ["id"] })
  if (earlier.length) await attribution.softDeleteAttributionRules(earlier.map((r: any) => r.id))
  await attribution.createAttributionRules(
    employees.map((e: any, i: number) => ({
      org_id: org.id, product_id: productId, employee_id: e.id, user_id: e.user_id, role: "creator", type: "percent",
      percent_bps: i === 0 ? 3000 : 2000, effective_from: past,
    }))
  )
  const [program] = await affiliates.listAffiliatePrograms({ org_id: org.id })
  const programFields = { enabled: true, commission_type: "percent", commission_bps: 1000, cookie_window_days: 30, attribution_model: "last_click", hold_days: 0, approval: "automatic" }
  if (program) await affiliates.updateAffiliatePrograms({ id: program.id, ...programFields })
  else await affiliates.createAffiliatePrograms({ org_id: org.id, ...programFields })
  const [partner] = await customers.createCustomers([{ email: `bench-affiliate-${stamp}@bench.volmify.local` }])
  const [affiliate] = await affiliates.createAffiliates([
    { org_id: org.id, customer_id: partner.id, email: partner.email, code: `BENCH${stamp}`.toUpperCase(), status: "approved", status_changed_at: past },
  ])

  const runs: any[] = []
  for (const n of sizes) {
    // Set-up of n captured orders, half of them referred.
    const buyers = await customers.createCustomers(Array.from({ length: n }, (_, i) => ({ email: `bench-backlog-${stamp}-${n}-${i}@bench.volmify.local` })))
    const orderIds: string[] = []
    const referred: string[] = []
    for (let at = 0; at < n; at += 250) {
      const batch = buyers.slice(at, at + 250)
      const orders = await orderModule.createOrders(
        batch.map((c: any) => ({
          region_id: data.region_id, currency_code: "usd", customer_id: c.id, email: c.email, sales_channel_id: org.sales_channel_id,
          status: "completed" as any,
          items: [{ title: "Bench Premium", product_id: productId, variant_id: premium, quantity: 1, unit_price: 199 }],
        })) as any
      )
      const collections = await paymentModule.createPaymentCollections(
        orders.map(() => ({ currency_code: "usd", amount: 199, captured_amount: 199, authorized_amount: 199, status: "completed" })) as any
      )
      const halves = orders.filter((_: any, i: number) => (at + i) % 2 === 0)
      const carts = await cartModule.createCarts(
        halves.map((o: any) => ({ currency_code: "usd", region_id: data.region_id, sales_channel_id: org.sales_channel_id, email: o.email, customer_id: o.customer_id })) as any
      )
      await link.create([
        ...orders.map((o: any, i: number) => ({ [Modules.ORDER]: { order_id: o.id }, [Modules.PAYMENT]: { payment_collection_id: collections[i].id } })),
        ...halves.map((o: any, i: number) => ({ [Modules.ORDER]: { order_id: o.id }, [Modules.CART]: { cart_id: carts[i].id } })),
      ])
      await affiliates.createAffiliateReferrals(
        carts.map((c: any) => ({ org_id: org.id, cart_id: c.id, affiliate_id: affiliate.id, touched_at: new Date(Date.now() - 3600_000) }))
      )
      orderIds.push(...orders.map((o: any) => o.id))
      referred.push(...halves.map((o: any) => o.id))
    }

    // Planner statistics for the rows just loaded in bulk (as after the generator's load).
    await pg.raw("analyze")

    // Timed: the postings. Every SQL statement goes through the app's knex; count them too.
    let statements = 0
    const onQuery = () => statements++
    pg.on("query", onQuery)
    const started = process.hrtime.bigint()
    for (let at = 0; at < orderIds.length; at += CHUNK) {
      const order_ids = orderIds.slice(at, at + CHUNK)
      await postOrdersRevenueWorkflow(container).run({ input: { order_ids } })
      await createOrdersCommissionsWorkflow(container).run({ input: { order_ids } })
    }
    const commissionIds = (await affiliates.listAffiliateCommissions({ order_id: referred }, { select: ["id"], take: referred.length * 2 })).map((c: any) => c.id)
    const approveAt = new Date(Date.now() + 60_000)
    for (let at = 0; at < commissionIds.length; at += CHUNK) {
      await approveDueCommissionsWorkflow(container).run({ input: { commission_ids: commissionIds.slice(at, at + CHUNK), now: approveAt } })
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    pg.removeListener("query", onQuery)

    // Checks (SQL over what the postings wrote).
    const one = async (sql: string, params: unknown[]) => (await pg.raw(sql, params)).rows[0]
    const orderPostings = await one(
      `select count(*)::int as n, count(distinct reference_id)::int as distinct_orders from ledger_transaction
        where reference_type = 'order' and reference_id = any(?) and deleted_at is null`,
      [orderIds]
    )
    const commissionPostings = await one(
      `select count(*)::int as n, count(distinct reference_id)::int as distinct_refs from ledger_transaction
        where reference_id = any(?) and deleted_at is null`,
      [commissionIds]
    )
    const unbalanced = await one(
      `select count(*)::int as n from (
         select t.id from ledger_transaction t join ledger_entry e on e.transaction_id = t.id and e.deleted_at is null
          where (t.reference_id = any(?) or t.reference_id = any(?)) and t.deleted_at is null
          group by t.id
         having sum(case when e.direction = 'debit' then e.amount else 0 end) <> sum(case when e.direction = 'credit' then e.amount else 0 end)) u`,
      [orderIds, commissionIds]
    )
    const commissions = await one(
      `select count(*)::int as n, count(distinct order_id)::int as orders, count(*) filter (where status = 'approved')::int as approved
         from affiliate_commission where order_id = any(?) and deleted_at is null`,
      [referred]
    )
    runs.push({
      orders: n,
      referred_orders: referred.length,
      seconds: Math.round(seconds * 1000) / 1000,
      orders_per_second: Math.round((n / seconds) * 10) / 10,
      sql_statements_per_order: Math.round((statements / n) * 10) / 10,
      checks: {
        order_postings: orderPostings.n,
        orders_posted_once: orderPostings.n === n && orderPostings.distinct_orders === n,
        commissions: commissions.n,
        commission_per_referred_order: commissions.n === referred.length && commissions.orders === referred.length,
        commissions_approved: commissions.approved,
        commission_postings: commissionPostings.n,
        commissions_posted_once: commissionPostings.n === commissionIds.length && commissionPostings.distinct_refs === commissionIds.length,
        unbalanced_transactions: unbalanced.n,
      },
    })
  }
  const [small, large] = runs
  const result = {
    target: ">= 100 orders/s; 10x the orders takes <= 11x the time",
    status: "measured",
    chunk: CHUNK,
    runs,
    orders_per_second: Math.min(...runs.map((r) => r.orders_per_second)),
    time_ratio: large ? Math.round((large.seconds / small.seconds) * 100) / 100 : null,
    order_ratio: large ? large.orders / small.orders : null,
  }
  if (process.env.BENCH_BACKLOG_OUT) writeFileSync(process.env.BENCH_BACKLOG_OUT, JSON.stringify(result, null, 2))
  return result
}
