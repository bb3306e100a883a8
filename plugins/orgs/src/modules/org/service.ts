import type { Context, InferTypeOf } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Org } from "./models/org"
import { OrgDomain } from "./models/org-domain"
import { OrgEmployee } from "./models/org-employee"
import { OrgInvitation } from "./models/org-invitation"
import { OrgMember } from "./models/org-member"
import { PlatformOperator } from "./models/platform-operator"

export default class OrgModuleService extends MedusaService({
  Org,
  OrgDomain,
  OrgEmployee,
  OrgInvitation,
  OrgMember,
  PlatformOperator,
}) {
  /**
   * The org that owns one of these sales channels (a publishable key's channels), or null.
   * One indexed lookup; `select` narrows the columns read.
   */
  @InjectManager()
  async retrieveOrgBySalesChannel(salesChannelIds: string | string[], select?: string[], @MedusaContext() context: Context = {}) {
    const ids = Array.isArray(salesChannelIds) ? salesChannelIds : [salesChannelIds]
    if (!ids.length) {
      return null
    }
    // Plain SQL: every /store request runs this (blockSuspendedOrgKeys), and the ORM's
    // per-query overhead was a visible share of a store request (bench P1 profile).
    const [org] = await (context.manager as SqlEntityManager)
      .getKnex()("org")
      .select(select ?? "*")
      .whereIn("sales_channel_id", ids)
      .whereNull("deleted_at")
      .limit(1)
    // A plain row of the org table: the columns `select` names (all by default).
    return (org as InferTypeOf<typeof Org> | undefined) ?? null
  }

  async isPlatformOperator(userId: string): Promise<boolean> {
    if (!userId) {
      return false
    }
    const rows = await this.listPlatformOperators({ user_id: userId }, { take: 1 })
    return rows.length > 0
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

  /** The active employments of a user, with their org's id, handle, name and channel. */
  async listActiveEmployments(userId: string) {
    if (!userId) {
      return []
    }
    return await this.listOrgEmployees(
      { user_id: userId, status: "active" },
      {
        select: ["id", "role", "user_id", "org.id", "org.handle", "org.name", "org.status", "org.sales_channel_id"],
        relations: ["org"],
        order: { created_at: "ASC" },
      }
    )
  }
}
