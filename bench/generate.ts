import { writeFileSync } from "node:fs"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"

// The benchmark's data generator (`npm run bench:seed`), run inside the app with
// `medusa exec`. What goes through workflows and what goes in bulk is explained in
// bench/README.md ("Data"). Scale from BENCH_SCALE (tiny | full); a summary for the runner
// goes to BENCH_SUMMARY.

const { createOrgWorkflow } = require("@volmify/orgs/workflows")
const { createCourseWorkflow, applyCourseOutlineWorkflow, publishCourseWorkflow } = require("@volmify/courses/workflows")
const cliProgress = require("cli-progress")

export const SCALES = {
  tiny: { orgs: 2, courses: 4, lessonsPerCourse: 30, bigCourseLessons: 60, variants: 40, customers: 60, orders: 60 },
  full: { orgs: 20, courses: 200, lessonsPerCourse: 30, bigCourseLessons: 500, variants: 5000, customers: 10000, orders: 10000 },
} as const
export type ScaleName = keyof typeof SCALES

const TIERS = [
  { title: "Basic", tier: 1, usd: 99 },
  { title: "Premium", tier: 2, usd: 199 },
  { title: "VIP", tier: 3, usd: 499 },
]

function bar(label: string, total: number) {
  const b = new cliProgress.SingleBar(
    { format: `${label.padEnd(24)} [{bar}] {value}/{total} {duration}s`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic
  )
  b.start(total, 0)
  return b
}

async function inBatches<T>(items: T[], size: number, run: (batch: T[]) => Promise<void>, progress?: { increment(n: number): void }) {
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size)
    await run(batch)
    progress?.increment(batch.length)
  }
}

export default async function generateBenchData({ container }: ExecArgs) {
  const scaleName = (process.env.BENCH_SCALE || "tiny") as ScaleName
  const scale = SCALES[scaleName]
  if (!scale) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(", ")}`)
  const stamp = Date.now().toString(36)
  const users = container.resolve(Modules.USER)
  const customersModule = container.resolve(Modules.CUSTOMER)
  const orderModule = container.resolve(Modules.ORDER)
  const regionModule = container.resolve(Modules.REGION)
  const orgModule = container.resolve<any>("org")
  const access = container.resolve<any>("access")
  const courses = container.resolve<any>("course")
  const [usd] = await regionModule.listRegions({ currency_code: "usd" }, { take: 1 })
  if (!usd) throw new Error("No USD region: run the demo seed first (npm run bench:seed does)")

  // Orgs through createOrgWorkflow (channel, key, owner): few and each one different.
  let b = bar("orgs (workflow)", scale.orgs)
  const orgs: { id: string; sales_channel_id: string; key: string; owner: { id: string; email: string } }[] = []
  for (let i = 0; i < scale.orgs; i++) {
    const [owner] = await users.createUsers([{ email: `bench-owner-${stamp}-${i}@bench.volmify.local` }])
    const { result } = await createOrgWorkflow(container).run({
      input: { handle: `bench-${stamp}-${i}`, name: `Bench Org ${i}`, owner_user_id: owner.id, created_by: "bench" },
    })
    orgs.push({ id: result.org.id, sales_channel_id: result.org.sales_channel_id, key: result.publishable_key.token, owner: { id: owner.id, email: owner.email } })
    b.increment()
  }
  b.stop()

  // Course products (3 tiers) and filler products (5 variants) through createProductsWorkflow
  // in batches, then access plans in bulk through the access module.
  const courseCount = scale.courses + 1
  const fillerProducts = Math.max(0, Math.ceil((scale.variants - courseCount * 3) / 5))
  b = bar("products (workflow)", courseCount + fillerProducts)
  const productSpecs: { org: (typeof orgs)[number]; handle: string; title: string; variants: { title: string; usd: number }[] }[] = []
  for (let i = 0; i < courseCount; i++) {
    productSpecs.push({ org: orgs[i % orgs.length], handle: `bench-course-${stamp}-${i}`, title: `Bench Course ${i}`, variants: TIERS })
  }
  for (let i = 0; i < fillerProducts; i++) {
    productSpecs.push({
      org: orgs[i % orgs.length],
      handle: `bench-item-${stamp}-${i}`,
      title: `Bench Item ${i}`,
      variants: Array.from({ length: 5 }, (_, v) => ({ title: `Size ${v + 1}`, usd: 10 + v })),
    })
  }
  const products: { id: string; handle: string; org_id: string; variants: { id: string; title: string }[] }[] = []
  const byOrg = new Map<string, typeof productSpecs>()
  for (const spec of productSpecs) byOrg.set(spec.org.id, [...(byOrg.get(spec.org.id) ?? []), spec])
  for (const [orgId, specs] of byOrg) {
    await inBatches(specs, 50, async (batch) => {
      const { result } = await createProductsWorkflow(container).run({
        input: {
          products: batch.map((p) => ({
            title: p.title,
            handle: p.handle,
            status: ProductStatus.PUBLISHED,
            options: [{ title: "Plan", values: p.variants.map((v) => v.title) }],
            variants: p.variants.map((v) => ({ title: v.title, manage_inventory: false, options: { Plan: v.title }, prices: [{ currency_code: "usd", amount: v.usd }] })),
            sales_channels: [{ id: p.org.sales_channel_id }],
          })),
          additional_data: { org_id: orgId },
        },
      })
      for (const p of result as any[]) products.push({ id: p.id, handle: p.handle, org_id: orgId, variants: p.variants.map((v: any) => ({ id: v.id, title: v.title })) })
    }, b)
  }
  b.stop()
  const courseProducts = products.filter((p) => p.handle.startsWith(`bench-course-${stamp}-`))
  await access.createAccessPlans(
    courseProducts.flatMap((p) => p.variants.map((v) => ({ variant_id: v.id, product_id: p.id, tier: TIERS.find((t) => t.title === v.title)!.tier })))
  )

  // Courses: lessons in bulk (module service), course, outline and publish through the
  // plugin's workflows (the outline endpoint's own code path). The last course is the big one.
  b = bar("courses (workflow)", courseProducts.length)
  const made: { id: string; handle: string; org_id: string; product_id: string; lessons: number; key: string }[] = []
  for (const [i, product] of courseProducts.entries()) {
    const big = i === courseProducts.length - 1
    const lessonCount = big ? scale.bigCourseLessons : scale.lessonsPerCourse
    const lessons = await courses.createLessons(
      Array.from({ length: lessonCount }, (_, n) => ({
        org_id: product.org_id, title: `Lesson ${n + 1}`, type: "text", body: `# Lesson ${n + 1}\n\n${"Practice makes progress. ".repeat(40)}`,
      }))
    )
    const handle = big ? `bench-big-${stamp}` : product.handle
    const { result: course } = await createCourseWorkflow(container).run({ input: { product_id: product.id, handle, title: big ? "Bench Big Course" : `Bench Course ${i}` } })
    // Modules of 2 sections x 5 lessons; the second half needs tier 2, the last module tier 3.
    const perModule = 10
    const moduleCount = Math.ceil(lessonCount / perModule)
    const modules = Array.from({ length: moduleCount }, (_, m) => ({
      title: `Module ${m + 1}`,
      required_tier: m === moduleCount - 1 && moduleCount > 2 ? 3 : m >= moduleCount / 2 ? 2 : 1,
      sections: [0, 1].map((s) => ({
        title: `Section ${m + 1}.${s + 1}`,
        lessons: lessons.slice(m * perModule + s * 5, m * perModule + s * 5 + 5).map((l: any, n: number) => ({
          lesson_id: l.id, ...(m === 0 && s === 0 && n === 0 ? { is_preview: true } : {}),
        })),
      })).filter((s) => s.lessons.length),
    }))
    await applyCourseOutlineWorkflow(container).run({ input: { course_id: course.id, outline: { modules } } })
    await publishCourseWorkflow(container).run({ input: { id: course.id } })
    made.push({ id: course.id, handle, org_id: product.org_id, product_id: product.id, lessons: lessonCount, key: orgs.find((o) => o.id === product.org_id)!.key })
    b.increment()
  }
  b.stop()

  // Customers and their org memberships in bulk (module services, batches of 1,000).
  b = bar("customers (bulk)", scale.customers)
  const customerIds: string[] = []
  await inBatches(Array.from({ length: scale.customers }, (_, i) => i), 1000, async (batch) => {
    const created = await customersModule.createCustomers(batch.map((i) => ({ email: `bench-${stamp}-${i}@bench.volmify.local`, first_name: "Bench", last_name: `Customer ${i}` })))
    customerIds.push(...created.map((c) => c.id))
    await orgModule.createOrgMembers(created.map((c, n) => ({ org_id: orgs[(batch[n]) % orgs.length].id, customer_id: c.id, type: "customer", joined_at: new Date() })))
  }, b)
  b.stop()

  // Orders (order module, batches of 250) with one course line each, and the entitlements
  // and enrollments the order.placed path would have made (bulk: see bench/README.md).
  b = bar("orders+entitlements (bulk)", scale.orders)
  const ordersMade: string[] = []
  await inBatches(Array.from({ length: scale.orders }, (_, i) => i), 250, async (batch) => {
    const lines = batch.map((i) => {
      const course = made[i % made.length]
      const product = courseProducts.find((p) => p.id === course.product_id)!
      const variant = product.variants[i % 3]
      const org = orgs.find((o) => o.id === course.org_id)!
      return { i, course, product, variant, org, customer_id: customerIds[i % customerIds.length], tier: TIERS[i % 3] }
    })
    const orders = await orderModule.createOrders(
      lines.map((l) => ({
        region_id: usd.id, currency_code: "usd", customer_id: l.customer_id, email: `bench-${stamp}-${l.i % customerIds.length}@bench.volmify.local`,
        sales_channel_id: l.org.sales_channel_id, status: "completed" as any,
        items: [{ title: `${l.product.handle} ${l.variant.title}`, product_id: l.product.id, variant_id: l.variant.id, quantity: 1, unit_price: l.tier.usd }],
      })) as any
    )
    const withItems = await orderModule.listOrders({ id: orders.map((o) => o.id) }, { relations: ["items"] })
    const itemOf = new Map(withItems.map((o: any) => [o.id, o.items[0]]))
    const now = new Date()
    await access.createEntitlements(
      orders.map((o, n) => ({
        customer_id: lines[n].customer_id, product_id: lines[n].product.id, variant_id: lines[n].variant.id, tier: lines[n].tier.tier,
        source_type: "order_line_item", source_id: (itemOf.get(o.id) as any).id, order_id: o.id, starts_at: now,
      }))
    )
    const pairs = new Map(lines.map((l) => [`${l.customer_id}:${l.course.id}`, l]))
    const existing = await courses.listEnrollments({ customer_id: [...new Set(lines.map((l) => l.customer_id))] }, { select: ["customer_id", "course_id"] })
    for (const e of existing) pairs.delete(`${e.customer_id}:${e.course_id}`)
    if (pairs.size) {
      await courses.createEnrollments([...pairs.values()].map((l) => ({ customer_id: l.customer_id, course_id: l.course.id, org_id: l.course.org_id, started_at: now, status: "active" })))
    }
    ordersMade.push(...orders.map((o) => o.id))
  }, b)
  b.stop()

  // Fresh planner statistics for what was just loaded in bulk (PostgreSQL's advice after a
  // bulk load: a database that grew to this size in use would have been analyzed by
  // autovacuum, and some servers, this machine's included, run with autovacuum off). Without
  // them the planner picked a status index for the caller's entitlements and filtered 10,000
  // rows on every outline and lesson request (bench/README.md, 2026-11-30).
  await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw("analyze")

  const big = made[made.length - 1]
  // P6 measures the admin as staff of the big course's org: its owner gets an emailpass login.
  const bigOrg = orgs.find((o) => o.id === big.org_id)!
  const staff = { email: bigOrg.owner.email, password: "bench-password-1" }
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: staff })
  if (error || !authIdentity) throw new Error(`could not register ${staff.email}: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: bigOrg.owner.id } })
  const summary = {
    scale: scaleName,
    stamp,
    region_id: usd.id,
    orgs: orgs.length,
    courses: made.length,
    lessons: made.reduce((s, c) => s + c.lessons, 0),
    variants: products.reduce((s, p) => s + p.variants.length, 0),
    customers: customerIds.length,
    orders: ordersMade.length,
    big_course: { handle: big.handle, id: big.id, product_id: big.product_id, lessons: big.lessons, publishable_key: big.key, sales_channel_id: bigOrg.sales_channel_id, staff },
    course: { handle: made[0].handle, id: made[0].id, product_id: made[0].product_id, lessons: made[0].lessons, publishable_key: made[0].key },
    variant_ids: Object.fromEntries(courseProducts[0].variants.map((v) => [v.title, v.id])),
    // P7's plain side: a filler product of the same org as `course` (same channel and key), no access plan.
    plain_variant_id: products.find((p) => p.handle === `bench-item-${stamp}-0` && p.org_id === made[0].org_id)?.variants[0].id ?? null,
  }
  if (process.env.BENCH_SUMMARY) writeFileSync(process.env.BENCH_SUMMARY, JSON.stringify(summary, null, 2))
  return summary
}

export type BenchContainer = MedusaContainer
