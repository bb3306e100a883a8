import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

// The faults suite's data (`medusa exec ./bench/faults-setup.ts`, after the demo seed; run by
// bench/faults/cluster.js): the demo org "acme-academy", its course "design-systems-bootcamp"
// (Premium variant, an access plan), its North America region, an enabled affiliate program
// (10 %, automatic approval, no hold) and one approved affiliate whose code refers carts.
// Writes what the suite needs to FAULTS_SUMMARY.
export default async function faultsSetup({ container }: ExecArgs) {
  const orgs = container.resolve<any>("org")
  const courses = container.resolve<any>("course")
  const affiliates = container.resolve<any>("affiliates")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [org] = await orgs.listOrgs({ handle: "acme-academy" }, { take: 1 })
  const [product] = await container.resolve(Modules.PRODUCT).listProducts({ handle: "design-systems-bootcamp" }, { relations: ["variants"] })
  const premium = product.variants.find((v: any) => v.title === "Premium")
  const [course] = await courses.listCourses({ product_id: product.id }, { take: 1 })
  const placements = await courses.listSectionLessons({ course_id: course.id }, { take: 50 })
  const [region] = await container.resolve(Modules.REGION).listRegions({ name: "North America" }, { take: 1 })
  const {
    data: [withKeys],
  } = await query.graph({ entity: "org", fields: ["api_keys.token", "api_keys.revoked_at"], filters: { id: org.id } })
  const key = (withKeys.api_keys ?? []).find((k: any) => k && !k.revoked_at)

  const programFields = { enabled: true, commission_type: "percent", commission_bps: 1000, cookie_window_days: 30, attribution_model: "last_click", hold_days: 0, approval: "automatic" }
  const [program] = await affiliates.listAffiliatePrograms({ org_id: org.id })
  if (program) await affiliates.updateAffiliatePrograms({ id: program.id, ...programFields })
  else await affiliates.createAffiliatePrograms({ org_id: org.id, ...programFields })
  const code = `FAULTS${Date.now().toString(36)}`.toUpperCase()
  const [partner] = await container.resolve(Modules.CUSTOMER).createCustomers([{ email: `faults-affiliate-${Date.now()}@faults.volmify.local` }])
  await affiliates.createAffiliates([
    { org_id: org.id, customer_id: partner.id, email: partner.email, code, status: "approved", status_changed_at: new Date(Date.now() - 86_400_000) },
  ])

  const summary = {
    org_id: org.id,
    publishable_key: key.token,
    region_id: region.id,
    product_id: product.id,
    variant_id: premium.id,
    course_id: course.id,
    course_handle: course.handle,
    placements: placements.map((p: any) => ({ id: p.id, lesson_id: p.lesson_id })),
    affiliate_code: code,
  }
  writeFileSync(process.env.FAULTS_SUMMARY as string, JSON.stringify(summary, null, 2))
}
