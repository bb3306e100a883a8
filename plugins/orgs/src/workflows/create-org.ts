import {
  createRemoteLinkStep,
  createSalesChannelsWorkflow,
  emitEventStep,
  linkSalesChannelsToApiKeyStep,
} from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { OrgEvents } from "../events"
import { ORG_MODULE } from "../modules/org"
import type { OrgBranding, OrgSettings } from "../types"
import { ensureDigitalDeliveryWorkflow } from "./ensure-digital-delivery"
import { createEmployeeStep } from "./steps/create-employee"
import { createOrgStep } from "./steps/create-org"
import { createPublishableKeyStep } from "./steps/create-publishable-key"
import { validateOrgHandleStep } from "./steps/validate-org-handle"

export type CreateOrgWorkflowInput = {
  handle: string
  name: string
  owner_user_id: string
  support_email?: string | null
  branding?: OrgBranding | null
  settings?: OrgSettings | null
  created_by?: string
}

/**
 * Creates a tenant: its sales channel, a publishable key scoped to it, the org, the
 * key link and the owner employee, and links its channel to the platform's shared "Digital
 * delivery" option (created on first use). Any failure undoes every step before it.
 */
export const createOrgWorkflow = createWorkflow(
  "create-org",
  (input: CreateOrgWorkflowInput) => {
    validateOrgHandleStep({ handle: input.handle })

    const channelInput = transform({ input }, ({ input }) => ({
      salesChannelsData: [{ name: `${input.name} storefront`, description: `Storefront of ${input.handle}` }],
    }))
    const channels = createSalesChannelsWorkflow.runAsStep({ input: channelInput })
    const salesChannel = transform({ channels }, ({ channels }) => channels[0])

    const apiKey = createPublishableKeyStep(
      transform({ input }, ({ input }) => ({
        title: `${input.name} storefront key`,
        created_by: input.created_by ?? input.owner_user_id,
      }))
    )

    linkSalesChannelsToApiKeyStep(
      transform({ apiKey, salesChannel }, ({ apiKey, salesChannel }) => ({
        id: apiKey.id,
        add: [salesChannel.id],
      }))
    )

    const org = createOrgStep(
      transform({ input, salesChannel }, ({ input, salesChannel }) => ({
        handle: input.handle,
        name: input.name,
        sales_channel_id: salesChannel.id,
        support_email: input.support_email ?? null,
        branding: input.branding ?? null,
        settings: input.settings ?? null,
      }))
    )

    createRemoteLinkStep(
      transform({ org, apiKey }, ({ org, apiKey }) => [
        { [ORG_MODULE]: { org_id: org.id }, [Modules.API_KEY]: { api_key_id: apiKey.id } },
      ])
    )

    const owner = createEmployeeStep(
      transform({ input, org }, ({ input, org }) => ({
        org_id: org.id,
        user_id: input.owner_user_id,
        role: "owner" as const,
      }))
    )

    // Last, so nothing after it can fail and undo shared rows another org already uses.
    ensureDigitalDeliveryWorkflow.runAsStep({
      input: transform({ salesChannel }, ({ salesChannel }) => ({ sales_channel_ids: [salesChannel.id] })),
    })

    emitEventStep({
      eventName: OrgEvents.ORG_CREATED,
      data: transform({ org }, ({ org }) => ({ id: org.id })),
    })

    return new WorkflowResponse(
      transform({ org, apiKey, salesChannel, owner }, (d) => ({
        org: d.org,
        sales_channel: { id: d.salesChannel.id, name: d.salesChannel.name },
        publishable_key: { id: d.apiKey.id, token: d.apiKey.token },
        owner: d.owner,
      }))
    )
  }
)
