import type { Context } from "@medusajs/framework/types"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { Page } from "./models/page"
import { PageTranslation } from "./models/page-translation"
import { PageVersion } from "./models/page-version"

export type PageTranslationInput = { block_id: string; field: string; value: string | null }
/** What a set of translations changed, so a workflow's compensation can put it back. */
export type PageTranslationsUndo = { created: string[]; updated: { id: string; value: string }[]; removed: string[] }

export default class PagesModuleService extends MedusaService({ Page, PageVersion, PageTranslation }) {
  /**
   * Sets (value) or removes (null or blank) a page's texts in one locale, in one transaction:
   * an existing row for the same block and field is updated, so the unique key never
   * collides. Returns the counts and what to undo.
   */
  @InjectTransactionManager()
  async setPageTranslations(
    pageId: string,
    locale: string,
    rows: PageTranslationInput[],
    @MedusaContext() context: Context = {}
  ): Promise<{ set: number; removed: number; undo: PageTranslationsUndo }> {
    const existing = await this.listPageTranslations(
      { page_id: pageId, locale, block_id: [...new Set(rows.map((r) => r.block_id))] },
      { select: ["id", "block_id", "field", "value"], take: null },
      context
    )
    const byKey = new Map(existing.map((e) => [`${e.block_id}\u0000${e.field}`, e]))
    const toCreate: { page_id: string; locale: string; block_id: string; field: string; value: string }[] = []
    const toUpdate: { id: string; value: string }[] = []
    const undo: PageTranslationsUndo = { created: [], updated: [], removed: [] }
    for (const r of rows) {
      const row = byKey.get(`${r.block_id}\u0000${r.field}`)
      if (r.value === null || r.value.trim() === "") {
        if (row) undo.removed.push(row.id)
      } else if (row) {
        if (row.value === r.value) continue
        toUpdate.push({ id: row.id, value: r.value })
        undo.updated.push({ id: row.id, value: row.value })
      } else {
        toCreate.push({ page_id: pageId, locale, block_id: r.block_id, field: r.field, value: r.value })
      }
    }
    if (toCreate.length) undo.created = (await this.createPageTranslations(toCreate, context)).map((c) => c.id)
    if (toUpdate.length) await this.updatePageTranslations(toUpdate, context)
    if (undo.removed.length) await this.softDeletePageTranslations(undo.removed, {}, context)
    return { set: toCreate.length + toUpdate.length, removed: undo.removed.length, undo }
  }

  /** Puts back what setPageTranslations changed (a workflow's compensation), in one transaction. */
  @InjectTransactionManager()
  async undoPageTranslations(undo: PageTranslationsUndo, @MedusaContext() context: Context = {}): Promise<void> {
    if (undo.created.length) await this.deletePageTranslations(undo.created, context)
    if (undo.removed.length) await this.restorePageTranslations(undo.removed, {}, context)
    if (undo.updated.length) await this.updatePageTranslations(undo.updated, context)
  }
}
