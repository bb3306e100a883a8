import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Search and social metadata per course (issue 26), null until the merchant sets some. */
export class Migration20261203140000Seo extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "course" add column if not exists "seo" jsonb null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "course" drop column if exists "seo";`)
  }
}
