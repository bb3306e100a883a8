import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createTaxRegionsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { DEMO_ADMIN, DEMO_CURRENCIES, DEMO_ORGS, DEMO_REGIONS } from "./demo-catalog"

/** The part of @volmify/orgs' service the seed uses (plugins ship no type declarations). */
type OrgModuleSurface = {
  listOrgs(filters: { handle: string }, config: { take: number }): Promise<{ id: string }[]>
  createOrgs(data: { handle: string; name: string; sales_channel_id: string }): Promise<unknown>
  isPlatformOperator(userId: string): Promise<boolean>
  createPlatformOperators(data: { user_id: string }): Promise<unknown>
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
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const apiKeyModule = container.resolve(Modules.API_KEY)
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
    orgs: { handle: string; name: string; publishable_key: string }[]
  } = { admin: DEMO_ADMIN, orgs: [] }

  for (const demoOrg of DEMO_ORGS) {
    const channelName = `${demoOrg.name} storefront`
    let [channel] = await salesChannelModule.listSalesChannels({ name: channelName }, { take: 1 })
    if (!channel) {
      const { result } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: channelName, description: `Sales channel of ${demoOrg.name}` }] },
      })
      channel = result[0]
    }

    const keyTitle = `${demoOrg.name} storefront key`
    let [key] = await apiKeyModule.listApiKeys({ title: keyTitle, type: "publishable" }, { take: 1 })
    if (!key) {
      const { result } = await createApiKeysWorkflow(container).run({
        input: { api_keys: [{ title: keyTitle, type: "publishable", created_by: "seed" }] },
      })
      key = result[0]
      await linkSalesChannelsToApiKeyWorkflow(container).run({
        input: { id: key.id, add: [channel.id] },
      })
    }

    const [org] = await orgModule.listOrgs({ handle: demoOrg.handle }, { take: 1 })
    if (!org) {
      await orgModule.createOrgs({
        handle: demoOrg.handle,
        name: demoOrg.name,
        sales_channel_id: channel.id,
      })
      logger.info(`Seed: org ${demoOrg.handle} created`)
    }

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
            sales_channels: [{ id: channel.id }],
          })),
        },
      })
      logger.info(`Seed: ${toCreate.length} product(s) created for ${demoOrg.handle}`)
    }

    summary.orgs.push({ handle: demoOrg.handle, name: demoOrg.name, publishable_key: key.token })
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
  logger.info("Seed: done")
}
