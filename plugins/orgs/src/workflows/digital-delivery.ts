import type { LinkDefinition, MedusaContainer } from "@medusajs/framework/types"
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
  createRemoteLinkStep,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
} from "@medusajs/medusa/core-flows"

/**
 * "Digital delivery": a zero-cost shipping option of an org's own, so a stock Medusa
 * storefront (which asks for a shipping method before it completes a cart) can sell a
 * course. Medusa's digital-products recipe does the same. The option hangs off a stock
 * location linked to the org's sales channel only, so no other org's cart lists it.
 */
export const DIGITAL_DELIVERY_NAME = "Digital delivery"
export const DIGITAL_DELIVERY_CODE = "digital"

export type CreateDigitalDeliveryInput = { org_id: string; handle: string; name: string; sales_channel_id: string }

type Plan = { provider_id: string | null; currency_codes: string[]; country_codes: string[] }

/** Reads what the option needs: the fulfillment provider (Medusa's manual one), every currency and country. */
const planDigitalDeliveryStep = createStep("plan-digital-delivery", async (_: CreateDigitalDeliveryInput, { container }) => {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const providers = await fulfillment.listFulfillmentProviders({ is_enabled: true } as any, { select: ["id"] })
  const provider_id = providers.find((p) => p.id === "manual_manual")?.id ?? providers[0]?.id ?? null
  const [currencies, countries] = await Promise.all([
    container.resolve(Modules.CURRENCY).listCurrencies({}, { select: ["code"] }),
    container.resolve(Modules.REGION).listCountries({}, { select: ["iso_2"], take: null as any }),
  ])
  return new StepResponse<Plan>({
    provider_id,
    currency_codes: currencies.map((c) => c.code.toLowerCase()),
    country_codes: countries.map((c) => c.iso_2.toLowerCase()),
  })
})

/** A shipping fulfillment set with one service zone covering every country (the option's geo rule). */
const createDigitalFulfillmentSetStep = createStep(
  "create-digital-fulfillment-set",
  async (input: { name: string; country_codes: string[] }, { container }) => {
    const fulfillment = container.resolve(Modules.FULFILLMENT)
    const [set] = await fulfillment.createFulfillmentSets([
      {
        name: input.name,
        type: DIGITAL_DELIVERY_CODE,
        service_zones: [
          { name: input.name, geo_zones: input.country_codes.map((country_code) => ({ type: "country" as const, country_code })) },
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

/**
 * Creates an org's digital delivery: stock location (linked to the org's channel and to the
 * fulfillment provider), fulfillment set and service zone, a shipping profile of its own and
 * the option, free in every currency. Each part is compensated (core workflows and links
 * undo themselves; the fulfillment set is deleted).
 */
export const createDigitalDeliveryWorkflow = createWorkflow("create-org-digital-delivery", (input: CreateDigitalDeliveryInput) => {
  const plan = planDigitalDeliveryStep(input)
  const created = when("digital-delivery-has-provider", { plan }, ({ plan }) => !!plan.provider_id).then(() => {
    const locations = createStockLocationsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ locations: [{ name: `${DIGITAL_DELIVERY_NAME} (${input.handle})` }] })),
    })
    const location = transform({ locations }, ({ locations }) => locations[0])
    const set = createDigitalFulfillmentSetStep(
      transform({ input, plan }, ({ input, plan }) => ({ name: `${DIGITAL_DELIVERY_NAME} (${input.handle})`, country_codes: plan.country_codes }))
    )
    createRemoteLinkStep(
      transform({ input, location, set, plan }, ({ input, location, set, plan }): LinkDefinition[] => [
        { [Modules.SALES_CHANNEL]: { sales_channel_id: input.sales_channel_id }, [Modules.STOCK_LOCATION]: { stock_location_id: location.id } },
        { [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: plan.provider_id } },
        { [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_set_id: set.id } },
      ])
    ).config({ name: "link-digital-delivery-location" })
    const profiles = createShippingProfilesWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ data: [{ name: `${DIGITAL_DELIVERY_NAME} (${input.handle})`, type: DIGITAL_DELIVERY_CODE }] })),
    })
    const options = createShippingOptionsWorkflow.runAsStep({
      input: transform({ plan, set, profiles }, ({ plan, set, profiles }) => [
        {
          name: DIGITAL_DELIVERY_NAME,
          price_type: "flat" as const,
          provider_id: plan.provider_id!,
          service_zone_id: set.service_zone_id,
          shipping_profile_id: profiles[0].id,
          type: { label: DIGITAL_DELIVERY_NAME, description: "Course access, nothing ships", code: DIGITAL_DELIVERY_CODE },
          prices: plan.currency_codes.map((currency_code) => ({ currency_code, amount: 0 })),
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
            { attribute: "is_return", value: "false", operator: "eq" as const },
          ],
        },
      ]),
    })
    return transform({ location, options }, ({ location, options }) => ({ stock_location_id: location.id, shipping_option_id: options[0].id }))
  })
  return new WorkflowResponse(transform({ created }, ({ created }) => created ?? null))
})

/** Whether an org's sales channel already reaches a digital delivery option (backfill, idempotency). */
export async function hasDigitalDelivery(container: MedusaContainer, salesChannelId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [channel] } = await query.graph({
    entity: "sales_channel",
    fields: ["id", "stock_locations.fulfillment_sets.type"],
    filters: { id: salesChannelId },
  })
  return !!(channel as any)?.stock_locations?.some((l: any) => l?.fulfillment_sets?.some((s: any) => s?.type === DIGITAL_DELIVERY_CODE))
}
