import type { FilterableFulfillmentProviderProps, FilterableShippingOptionForContextProps, LinkDefinition } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createRemoteLinkStep,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"

/**
 * "Digital delivery": ONE zero-cost shipping option of the platform, shared by every org, so a
 * stock Medusa storefront (its checkout wants a shipping method) completes a course purchase
 * with no code change. Shared platform rows: one stock location (linked to every org's sales
 * channel), one fulfillment set with one service zone covering every country, one shipping
 * profile, one flat option priced 0 in every currency. Staff read the location and the profile
 * like every other shared platform row and cannot change them (the admin gate has no write row
 * for them); no per-org row exists that could leak to another org (ARCHITECTURE.md, "Digital delivery").
 */
export const DIGITAL_DELIVERY_NAME = "Digital delivery"
/** The fulfillment set's name (unique in Medusa): how the shared rows are found again. */
export const DIGITAL_DELIVERY_SET_NAME = "volmify-digital-delivery"
export const DIGITAL_DELIVERY_CODE = "digital"
const LOCK_KEY = "volmify:digital-delivery"

export type EnsureDigitalDeliveryInput = { sales_channel_ids: string[] }

export type DigitalDeliveryPlan = {
  provider_id: string | null
  stock_location_id: string | null
  service_zone_id: string | null
  shipping_profile_id: string | null
  shipping_option_id: string | null
  /** Channels of the input not yet linked to the location. */
  unlinked_channel_ids: string[]
  currency_codes: string[]
  country_codes: string[]
}

/** Reads which of the shared rows exist, and what creating the missing ones needs. */
export const planDigitalDeliveryStep = createStep(
  "plan-digital-delivery",
  async (input: EnsureDigitalDeliveryInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const fulfillment = container.resolve(Modules.FULFILLMENT)
    const { data: sets }: { data: { id: string; service_zones?: ({ id: string } | null)[] | null; location?: { id: string } | null }[] } = await query.graph({
      entity: "fulfillment_set",
      fields: ["id", "service_zones.id", "location.id"],
      filters: { name: DIGITAL_DELIVERY_SET_NAME },
    })
    const set = sets[0]
    const stock_location_id: string | null = set?.location?.id ?? null
    const service_zone_id: string | null = set?.service_zones?.[0]?.id ?? null
    const [profile] = await fulfillment.listShippingProfiles({ name: DIGITAL_DELIVERY_NAME }, { select: ["id"] })
    const [option] = service_zone_id
      ? // The module filters on the service_zone_id column; its public filter type names only the relation.
        await fulfillment.listShippingOptions({ service_zone_id, name: DIGITAL_DELIVERY_NAME } as FilterableShippingOptionForContextProps, { select: ["id"] })
      : []
    // The module filters on the is_enabled column; its public filter type leaves it out.
    const providers = await fulfillment.listFulfillmentProviders({ is_enabled: true } as FilterableFulfillmentProviderProps, { select: ["id"] })
    const provider_id = providers.find((p) => p.id === "manual_manual")?.id ?? providers[0]?.id ?? null

    let unlinked_channel_ids = [...new Set(input.sales_channel_ids)]
    if (stock_location_id && unlinked_channel_ids.length) {
      const { data: channels }: { data: { id: string; stock_locations?: ({ id: string } | null)[] | null }[] } = await query.graph({
        entity: "sales_channel",
        fields: ["id", "stock_locations.id"],
        filters: { id: unlinked_channel_ids },
      })
      const linked = new Set(
        channels.filter((c) => c.stock_locations?.some((l) => l?.id === stock_location_id)).map((c) => c.id)
      )
      unlinked_channel_ids = unlinked_channel_ids.filter((id) => !linked.has(id))
    }

    let currency_codes: string[] = []
    let country_codes: string[] = []
    if (!set || !option) {
      const [currencies, countries] = await Promise.all([
        container.resolve(Modules.CURRENCY).listCurrencies({}, { select: ["code"] }),
        container.resolve(Modules.REGION).listCountries({}, { select: ["iso_2"], take: null }),
      ])
      currency_codes = currencies.map((c) => c.code.toLowerCase())
      country_codes = countries.map((c) => c.iso_2.toLowerCase())
    }
    return new StepResponse<DigitalDeliveryPlan>({
      provider_id,
      stock_location_id,
      service_zone_id,
      shipping_profile_id: profile?.id ?? null,
      shipping_option_id: option?.id ?? null,
      unlinked_channel_ids,
      currency_codes,
      country_codes,
    })
  }
)

/** The fulfillment set with one service zone covering every country (the option's geo rule). */
export const createDigitalFulfillmentSetStep = createStep(
  "create-digital-fulfillment-set",
  async (input: { country_codes: string[] }, { container }) => {
    const fulfillment = container.resolve(Modules.FULFILLMENT)
    const [set] = await fulfillment.createFulfillmentSets([
      {
        name: DIGITAL_DELIVERY_SET_NAME,
        type: DIGITAL_DELIVERY_CODE,
        service_zones: [
          {
            name: DIGITAL_DELIVERY_NAME,
            geo_zones: input.country_codes.map((country_code) => ({ type: "country" as const, country_code })),
          },
        ],
      },
    ])
    const [full] = await fulfillment.listFulfillmentSets({ id: set.id }, { relations: ["service_zones"] })
    return new StepResponse({ id: set.id, service_zone_id: full.service_zones[0].id }, set.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve(Modules.FULFILLMENT).deleteFulfillmentSets([id])
  }
)

/** Links sales channels to the digital delivery location; the compensation removes exactly those links. */
export const linkChannelsToDigitalDeliveryStep = createStep(
  "link-channels-to-digital-delivery",
  async (input: { stock_location_id: string | null; sales_channel_ids: string[] }, { container }) => {
    if (!input.stock_location_id || !input.sales_channel_ids.length) return new StepResponse([] as string[], null)
    const links: LinkDefinition[] = input.sales_channel_ids.map((sales_channel_id) => ({
      [Modules.SALES_CHANNEL]: { sales_channel_id },
      [Modules.STOCK_LOCATION]: { stock_location_id: input.stock_location_id },
    }))
    await container.resolve(ContainerRegistrationKeys.LINK).create(links)
    return new StepResponse(input.sales_channel_ids, links)
  },
  async (links, { container }) => {
    if (!links?.length) return
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss(links)
  }
)

/**
 * Makes sure the shared digital delivery rows exist and reach the given sales channels.
 * Idempotent (a lock, then only what is missing is created: a second run changes nothing);
 * run by createOrgWorkflow for the new org's channel and by the backfill migration script
 * for every org. Each creation is compensated (core workflows and links undo themselves, the
 * fulfillment set is deleted); rows that existed before are never touched.
 */
export const ensureDigitalDeliveryWorkflow = createWorkflow(
  "ensure-digital-delivery",
  (input: EnsureDigitalDeliveryInput) => {
    acquireLockStep({ key: LOCK_KEY, timeout: 30, ttl: 120 })
    const plan = planDigitalDeliveryStep(input)

    // Location + fulfillment set + service zone, linked to Medusa's manual provider.
    const createdPlace = when("create-digital-location", { plan }, ({ plan }) => !plan.stock_location_id && !!plan.provider_id).then(() => {
      const locations = createStockLocationsWorkflow.runAsStep({
        input: { locations: [{ name: DIGITAL_DELIVERY_NAME }] },
      })
      const set = createDigitalFulfillmentSetStep(transform({ plan }, ({ plan }) => ({ country_codes: plan.country_codes })))
      createRemoteLinkStep(
        transform({ locations, set, plan }, ({ locations, set, plan }): LinkDefinition[] => [
          { [Modules.STOCK_LOCATION]: { stock_location_id: locations[0].id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: plan.provider_id } },
          { [Modules.STOCK_LOCATION]: { stock_location_id: locations[0].id }, [Modules.FULFILLMENT]: { fulfillment_set_id: set.id } },
        ])
      ).config({ name: "link-digital-delivery-location" })
      return transform({ locations, set }, ({ locations, set }) => ({ stock_location_id: locations[0].id, service_zone_id: set.service_zone_id }))
    })

    const createdProfile = when("create-digital-profile", { plan }, ({ plan }) => !plan.shipping_profile_id).then(() => {
      const profiles = createShippingProfilesWorkflow.runAsStep({
        input: { data: [{ name: DIGITAL_DELIVERY_NAME, type: DIGITAL_DELIVERY_CODE }] },
      })
      return transform({ profiles }, ({ profiles }) => profiles[0].id as string)
    })

    const ids = transform({ plan, createdPlace, createdProfile }, ({ plan, createdPlace, createdProfile }) => ({
      stock_location_id: plan.stock_location_id ?? createdPlace?.stock_location_id ?? null,
      service_zone_id: plan.service_zone_id ?? createdPlace?.service_zone_id ?? null,
      shipping_profile_id: plan.shipping_profile_id ?? createdProfile ?? null,
    }))

    const createdOption = when("create-digital-option", { plan, ids }, ({ plan, ids }) => !plan.shipping_option_id && !!ids.service_zone_id && !!plan.provider_id).then(() => {
      const options = createShippingOptionsWorkflow.runAsStep({
        input: transform({ plan, ids }, ({ plan, ids }) => [
          {
            name: DIGITAL_DELIVERY_NAME,
            price_type: "flat" as const,
            provider_id: plan.provider_id!,
            service_zone_id: ids.service_zone_id!,
            shipping_profile_id: ids.shipping_profile_id!,
            type: { label: DIGITAL_DELIVERY_NAME, description: "Online access, nothing is shipped", code: DIGITAL_DELIVERY_CODE },
            prices: plan.currency_codes.map((currency_code) => ({ currency_code, amount: 0 })),
            rules: [
              { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
              { attribute: "is_return", value: "false", operator: "eq" as const },
            ],
          },
        ]),
      })
      return transform({ options }, ({ options }) => options[0].id as string)
    })

    // Channels -> location: what makes the option list for an org's carts.
    linkChannelsToDigitalDeliveryStep(
      transform({ plan, ids }, ({ plan, ids }) => ({
        stock_location_id: ids.stock_location_id,
        sales_channel_ids: ids.stock_location_id ? plan.unlinked_channel_ids : [],
      }))
    )

    releaseLockStep({ key: LOCK_KEY })
    return new WorkflowResponse(
      transform({ plan, ids, createdOption }, ({ plan, ids, createdOption }) => ({
        ...ids,
        shipping_option_id: plan.shipping_option_id ?? createdOption ?? null,
        linked_channel_ids: ids.stock_location_id ? plan.unlinked_channel_ids : [],
      }))
    )
  }
)
