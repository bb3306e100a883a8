import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, when, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { AccessEvents } from "../../events"

export const revokedEvent = (entitlements: WorkflowData<{ id: string }[]>) =>
  when({ entitlements }, ({ entitlements }) => entitlements.length > 0).then(() =>
    emitEventStep({
      eventName: AccessEvents.ENTITLEMENTS_REVOKED,
      data: transform({ entitlements }, ({ entitlements }) => ({ ids: entitlements.map((e) => e.id) })),
    })
  )
