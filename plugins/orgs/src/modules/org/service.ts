import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import { Org } from "./models/org"
import { PlatformOperator } from "./models/platform-operator"

export default class OrgModuleService extends MedusaService({
  Org,
  PlatformOperator,
}) {
  /** The org that owns a sales channel, or null. One indexed lookup. */
  async retrieveOrgBySalesChannel(salesChannelId: string) {
    const [org] = await this.listOrgs({ sales_channel_id: salesChannelId }, { take: 1 })
    return org ?? null
  }

  async isPlatformOperator(userId: string): Promise<boolean> {
    if (!userId) {
      return false
    }
    const count = await this.listPlatformOperators({ user_id: userId }, { take: 1 })
    return count.length > 0
  }

  /** Throws FORBIDDEN unless the user is a platform operator. */
  async assertPlatformOperator(userId: string): Promise<void> {
    if (!(await this.isPlatformOperator(userId))) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        "Only platform operators can use this route"
      )
    }
  }
}
