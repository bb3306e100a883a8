import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCESS_MODULE } from "../../modules/access"
import type AccessModuleService from "../../modules/access/service"
import type { SubscriptionFields, SubscriptionRecord } from "../../types/records"
import { throwIfTestFault } from "../../utils/test-faults"

/** Creates subscriptions; compensation deletes exactly those it created. */
export const createSubscriptionsStep = createStep(
  "create-subscriptions",
  async (data: SubscriptionFields[], { container }) => {
    const created: SubscriptionRecord[] = data.length
      ? await container.resolve<AccessModuleService>(ACCESS_MODULE).createSubscriptions(data)
      : []
    return new StepResponse(created, created.map((s) => s.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<AccessModuleService>(ACCESS_MODULE).deleteSubscriptions(ids)
  }
)

export type SubscriptionUpdate = SubscriptionFields & { id: string }

/** Updates one subscription; compensation writes back the previous values of changed fields. */
export const updateSubscriptionStep = createStep(
  "update-subscription",
  async (update: SubscriptionUpdate, { container, metadata }) => {
    throwIfTestFault(container, metadata.action)
    const service = container.resolve<AccessModuleService>(ACCESS_MODULE)
    const [before] = await service.listSubscriptions({ id: update.id }, { select: Object.keys(update) })
    const updated = await service.updateSubscriptions(update)
    return new StepResponse(updated, before as SubscriptionUpdate)
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<AccessModuleService>(ACCESS_MODULE).updateSubscriptions(before)
  }
)
