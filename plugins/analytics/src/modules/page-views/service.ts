import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { PageViewDay } from "./models/page-view-day"

export type PageViewTarget = { org_id: string } & ({ course_id: string; page_slug?: undefined } | { page_slug: string; course_id?: undefined })

const DAY_MS = 86_400_000
/** Midnight (UTC) of the day `at` falls on. */
export const utcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS)

export default class PageViewsModuleService extends MedusaService({ PageViewDay }) {
  /**
   * Counts one view of a course or page into today's row (UTC): one INSERT ... ON CONFLICT
   * DO UPDATE, so concurrent beacons add up without a read-modify-write race.
   */
  @InjectManager()
  async countPageView(target: PageViewTarget, at: Date = new Date(), @MedusaContext() context: Context = {}): Promise<void> {
    const manager = (context.transactionManager ?? context.manager) as SqlEntityManager
    const knex = manager.getTransactionContext() ?? manager.getKnex()
    const column = target.course_id ? "course_id" : "page_slug"
    const value = target.course_id ?? target.page_slug
    await knex.raw(
      `INSERT INTO page_view_day (id, org_id, day, ${column}, views, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, now(), now())
       ON CONFLICT (org_id, day, ${column}) WHERE ${column} IS NOT NULL AND deleted_at IS NULL
       DO UPDATE SET views = page_view_day.views + 1, updated_at = now()`,
      [generateEntityId(undefined, "pvday"), target.org_id, utcDay(at), value]
    )
  }
}
