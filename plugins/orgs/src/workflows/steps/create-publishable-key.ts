import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * Creates a publishable key. Medusa's createApiKeysStep compensates with a plain delete,
 * which the API key module refuses for an unrevoked key, so a rolled-back org would
 * keep its key: this compensation revokes the key first, then deletes it.
 */
export const createPublishableKeyStep = createStep(
  "create-org-publishable-key",
  async ({ title, created_by }: { title: string; created_by: string }, { container }) => {
    const apiKeys = container.resolve(Modules.API_KEY)
    const key = await apiKeys.createApiKeys({ title, type: "publishable", created_by })
    return new StepResponse(key, key.id)
  },
  async (keyId, { container }) => {
    if (!keyId) {
      return
    }
    const apiKeys = container.resolve(Modules.API_KEY)
    await apiKeys.revoke({ id: keyId }, { revoked_by: "rollback" })
    await apiKeys.deleteApiKeys([keyId])
  }
)
