import { randomBytes } from "node:crypto"
import { writeFileSync } from "node:fs"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createCustomerAccountWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createTaxRegionsWorkflow,
  createUserAccountWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  DEMO_ADMIN,
  DEMO_CURRENCIES,
  DEMO_CUSTOMER,
  DEMO_ORGS,
  DEMO_REGIONS,
  DEMO_TIER_BY_VARIANT,
  demoOutline,
  DemoStaff,
} from "./demo-catalog"
import { DEMO_LESSON_VIDEO } from "./demo-media"
import { seedAttribution } from "./seed-attribution"

// The plugin's workflows, as the host app loads them (built before the seed runs).
import { createOrgWorkflow, inviteEmployeeWorkflow, acceptInvitationWorkflow, joinOrgWorkflow } from "@volmify/orgs/workflows"
import { setAccessPlanWorkflow, grantEntitlementWorkflow } from "@volmify/access/workflows"
import {
  createCourseWorkflow,
  createLessonWorkflow,
  applyCourseOutlineWorkflow,
  publishCourseWorkflow,
  enrollCustomerForProductsWorkflow,
  type OutlineModuleInput,
  type OutlineSectionInput,
} from "@volmify/courses/workflows"

/**
 * The demo clip as a private file of Medusa's file module (one per seed run, stored only
 * when a course is created): demo video lessons are of provider "file" and play through the
 * signed /course-media route like any uploaded lesson video.
 */
let demoVideoFile: Promise<string> | null = null
function demoVideoFileId(container: MedusaContainer): Promise<string> {
  demoVideoFile ??= container
    .resolve(Modules.FILE)
    .createFiles([
      {
        filename: `${randomBytes(16).toString("hex")}-${DEMO_LESSON_VIDEO.name}`,
        mimeType: DEMO_LESSON_VIDEO.mime_type,
        content: DEMO_LESSON_VIDEO.content_base64,
        access: "private",
      },
    ])
    .then(([stored]) => stored.id)
  return demoVideoFile
}

/**
 * Access plans for a demo product's variants (tier by variant title) and its published
 * course with a full outline, all through the plugins' workflows; skips what exists.
 */
async function seedDemoCourse(
  container: MedusaContainer,
  product: { id: string; handle: string; title: string; description?: string | null; variants: { id: string; title: string }[] }
): Promise<boolean> {
  const access = container.resolve<any>("access")
  const courses = container.resolve<any>("course")
  const plans = await access.listAccessPlans({ product_id: product.id }, { select: ["variant_id"] })
  for (const variant of product.variants) {
    const tier = DEMO_TIER_BY_VARIANT[variant.title]
    if (tier && !plans.some((p: { variant_id: string }) => p.variant_id === variant.id)) {
      await setAccessPlanWorkflow(container).run({ input: { variant_id: variant.id, tier } })
    }
  }
  const [existing] = await courses.listCourses({ product_id: product.id }, { take: 1, select: ["id"] })
  if (existing) return false
  const { result: course } = await createCourseWorkflow(container).run({
    input: {
      product_id: product.id,
      handle: product.handle,
      title: product.title,
      description: product.description ?? null,
      level: "beginner",
      difficulty: 3,
      language: "en",
      estimated_minutes: 240,
    },
  })
  const outline = demoOutline(product.title, product.handle)
  const modules: OutlineModuleInput[] = []
  for (const m of outline) {
    const sections: OutlineSectionInput[] = []
    for (const s of m.sections) {
      const lessons: { lesson_id: string; is_preview: boolean }[] = []
      for (const l of s.lessons) {
        const { result: lesson } = await createLessonWorkflow(container).run({
          input: {
            org_id: String(course.org_id),
            title: l.title,
            type: l.type,
            body: l.body,
            video_provider: l.video ? "file" : null,
            video_source: l.video ? await demoVideoFileId(container) : null,
            duration_seconds: l.duration_seconds ?? null,
          },
        })
        lessons.push({ lesson_id: lesson.id, is_preview: !!l.is_preview })
      }
      sections.push({ title: s.title, lessons })
    }
    modules.push({ title: m.title, required_tier: m.required_tier, drip_days: m.drip_days ?? null, sections })
  }
  await applyCourseOutlineWorkflow(container).run({ input: { course_id: course.id, outline: { modules } } })
  await publishCourseWorkflow(container).run({ input: { id: course.id } })
  return true
}

/** The demo student: a customer (emailpass), member of the org, owning Basic of one course. */
async function seedDemoCustomer(container: MedusaContainer, orgId: string) {
  const customerModule = container.resolve(Modules.CUSTOMER)
  let [customer] = await customerModule.listCustomers({ email: DEMO_CUSTOMER.email, has_account: true }, { take: 1 })
  if (!customer) {
    const { authIdentity, error } = await container
      .resolve(Modules.AUTH)
      .register("emailpass", { body: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password } })
    if (error || !authIdentity) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Seed: could not register ${DEMO_CUSTOMER.email}: ${error}`)
    }
    const { result } = await createCustomerAccountWorkflow(container).run({
      input: {
        authIdentityId: authIdentity.id,
        customerData: { email: DEMO_CUSTOMER.email, first_name: DEMO_CUSTOMER.first_name, last_name: DEMO_CUSTOMER.last_name },
      },
    })
    customer = result
  }
  await joinOrgWorkflow(container).run({ input: { org_id: orgId, customer_id: customer.id, type: "learner" } })
  const [product] = await container.resolve(Modules.PRODUCT).listProducts({ handle: DEMO_CUSTOMER.product_handle }, { take: 1, select: ["id"] })
  const access = container.resolve<any>("access")
  if ((await access.getCustomerTier(customer.id, product.id)) < DEMO_TIER_BY_VARIANT[DEMO_CUSTOMER.variant_title]) {
    await grantEntitlementWorkflow(container).run({
      input: {
        customer_id: customer.id,
        product_id: product.id,
        tier: DEMO_TIER_BY_VARIANT[DEMO_CUSTOMER.variant_title],
        reason: "demo seed: owns Basic",
        granted_by: "seed",
      },
    })
  }
  // The entitlement.granted subscriber enrolls too; this makes the seed independent of it.
  await enrollCustomerForProductsWorkflow(container).run({ input: { customer_id: customer.id, product_ids: [product.id] } })
}

/** The part of @volmify/orgs' service the seed uses (plugins ship no type declarations). */
type OrgModuleSurface = {
  listOrgs(filters: { handle: string }, config: { take: number }): Promise<{ id: string; sales_channel_id: string }[]>
  listOrgEmployees(filters: { org_id: string; user_id: string }, config: { take: number }): Promise<unknown[]>
  isPlatformOperator(userId: string): Promise<boolean>
  createPlatformOperators(data: { user_id: string }): Promise<unknown>
}

/** The user with this email, created with an emailpass login when missing. */
async function ensureUser(container: MedusaContainer, person: DemoStaff): Promise<string> {
  const [existing] = await container.resolve(Modules.USER).listUsers({ email: person.email }, { take: 1 })
  if (existing) {
    return existing.id
  }
  const { authIdentity, error } = await container
    .resolve(Modules.AUTH)
    .register("emailpass", { body: { email: person.email, password: person.password } })
  if (error || !authIdentity) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Seed: could not register ${person.email}: ${error}`)
  }
  const { result } = await createUserAccountWorkflow(container).run({
    input: {
      authIdentityId: authIdentity.id,
      userData: { email: person.email, first_name: person.first_name, last_name: person.last_name },
    },
  })
  return result.id
}

/**
 * Seeds the demo platform. Every part looks for what exists first, so running it again
 * creates nothing twice. Writes a summary (credentials, publishable keys) to the file named
 * by VOLMIFY_SEED_SUMMARY, for the run command to print.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const storeModule = container.resolve(Modules.STORE)
  const regionModule = container.resolve(Modules.REGION)
  const taxModule = container.resolve(Modules.TAX)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const productModule = container.resolve(Modules.PRODUCT)
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const orgModule = container.resolve<OrgModuleSurface>("org")

  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const storeCurrencies = new Set((store.supported_currencies ?? []).map((c) => c.currency_code))
  if (DEMO_CURRENCIES.some((code) => !storeCurrencies.has(code))) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "Volmify Demo",
          supported_currencies: DEMO_CURRENCIES.map((currency_code, i) => ({
            currency_code,
            is_default: i === 0,
          })),
        },
      },
    })
    logger.info("Seed: store currencies set")
  }

  for (const region of DEMO_REGIONS) {
    const existing = await regionModule.listRegions({ name: region.name }, { take: 1 })
    if (!existing.length) {
      await createRegionsWorkflow(container).run({
        input: {
          regions: [{ ...region, countries: [...region.countries], payment_providers: ["pp_system_default"] }],
        },
      })
      logger.info(`Seed: region ${region.name} created`)
    }
    const countries = [...region.countries]
    const taxed = await taxModule.listTaxRegions({ country_code: countries })
    const missing = countries.filter((c) => !taxed.some((t) => t.country_code === c))
    if (missing.length) {
      await createTaxRegionsWorkflow(container).run({
        input: missing.map((country_code) => ({ country_code, provider_id: "tp_system" })),
      })
    }
  }

  const summary: {
    admin: typeof DEMO_ADMIN
    orgs: {
      handle: string
      name: string
      publishable_key: string
      owner: { email: string; password: string }
      creator: { email: string; password: string }
    }[]
    customers: { org_name: string; email: string; password: string; owns: string }[]
  } = { admin: DEMO_ADMIN, orgs: [], customers: [] }

  for (const demoOrg of DEMO_ORGS) {
    const ownerId = await ensureUser(container, demoOrg.owner)
    let [org] = await orgModule.listOrgs({ handle: demoOrg.handle }, { take: 1 })
    if (!org) {
      const { result } = await createOrgWorkflow(container).run({
        input: {
          handle: demoOrg.handle,
          name: demoOrg.name,
          owner_user_id: ownerId,
          branding: demoOrg.branding,
          settings: {
            platform_fee_bps: 500,
            processing_fee_bps: 300,
            fee_base: "gross",
            default_currency_code: demoOrg.currency_code,
          },
          created_by: "seed",
        },
      })
      org = result.org
      logger.info(`Seed: org ${demoOrg.handle} created`)
    }

    // The creator joins the way real staff do: invited by the owner, accepting.
    const creatorId = await ensureUser(container, demoOrg.creator)
    const [employed] = await orgModule.listOrgEmployees({ org_id: org.id, user_id: creatorId }, { take: 1 })
    if (!employed) {
      const { result } = await inviteEmployeeWorkflow(container).run({
        input: { org_id: org.id, email: demoOrg.creator.email, role: "creator", invited_by: ownerId, inviter_role: "owner" },
      })
      await acceptInvitationWorkflow(container).run({ input: { token: result.token, user_id: creatorId } })
    }

    const {
      data: [withKeys],
    } = await query.graph({ entity: "org", fields: ["api_keys.token", "api_keys.revoked_at"], filters: { id: org.id } })
    const key = (withKeys.api_keys ?? []).find((k: any) => k && !k.revoked_at)

    const handles = demoOrg.products.map((p) => p.handle)
    const existing = await productModule.listProducts({ handle: handles }, { select: ["handle"] })
    const toCreate = demoOrg.products.filter((p) => !existing.some((e) => e.handle === p.handle))
    if (toCreate.length) {
      await createProductsWorkflow(container).run({
        input: {
          products: toCreate.map((p) => ({
            title: p.title,
            handle: p.handle,
            description: p.description,
            status: ProductStatus.PUBLISHED,
            options: [{ title: "Tier", values: p.tiers.map((t) => t.title) }],
            variants: p.tiers.map((t) => ({
              title: t.title,
              sku: t.sku,
              manage_inventory: false,
              options: { Tier: t.title },
              prices: Object.entries(t.prices).map(([currency_code, amount]) => ({
                currency_code,
                amount,
              })),
            })),
            sales_channels: [{ id: org.sales_channel_id }],
          })),
          // Owned by the org (the @volmify/orgs productsCreated hook links them).
          additional_data: { org_id: org.id },
        },
      })
      logger.info(`Seed: ${toCreate.length} product(s) created for ${demoOrg.handle}`)
    }

    const seededProducts = await productModule.listProducts({ handle: handles }, { relations: ["variants"] })
    let coursesCreated = 0
    for (const product of seededProducts) {
      if (await seedDemoCourse(container, product as any)) coursesCreated++
    }
    if (coursesCreated) logger.info(`Seed: ${coursesCreated} course(s) created for ${demoOrg.handle}`)
    if (demoOrg.handle === DEMO_CUSTOMER.org_handle) {
      await seedDemoCustomer(container, org.id)
      summary.customers.push({
        org_name: demoOrg.name,
        email: DEMO_CUSTOMER.email,
        password: DEMO_CUSTOMER.password,
        owns: `${DEMO_CUSTOMER.variant_title} of ${demoOrg.products.find((p) => p.handle === DEMO_CUSTOMER.product_handle)?.title}`,
      })
    }

    summary.orgs.push({
      handle: demoOrg.handle,
      name: demoOrg.name,
      publishable_key: key?.token ?? "",
      owner: { email: demoOrg.owner.email, password: demoOrg.owner.password },
      creator: { email: demoOrg.creator.email, password: demoOrg.creator.password },
    })
  }

  const [admin] = await userModule.listUsers({ email: DEMO_ADMIN.email }, { take: 1 })
  let adminId = admin?.id
  if (!adminId) {
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
    })
    if (error || !authIdentity) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Seed: could not register the demo admin ${DEMO_ADMIN.email}: ${error}`
      )
    }
    const { result } = await createUserAccountWorkflow(container).run({
      input: { authIdentityId: authIdentity.id, userData: { email: DEMO_ADMIN.email, first_name: "Demo", last_name: "Admin" } },
    })
    adminId = result.id
    logger.info(`Seed: admin ${DEMO_ADMIN.email} created`)
  }
  if (!(await orgModule.isPlatformOperator(adminId))) {
    await orgModule.createPlatformOperators({ user_id: adminId })
  }

  if (process.env.VOLMIFY_SEED_SUMMARY) {
    writeFileSync(process.env.VOLMIFY_SEED_SUMMARY, JSON.stringify(summary, null, 2))
  }
  await seedAttribution(container, logger)
  logger.info("Seed: done")
}
