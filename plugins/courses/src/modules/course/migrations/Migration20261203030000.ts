import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Certificates can be revoked by staff (kept, not deleted: the code then verifies as revoked). */
export class Migration20261203030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "certificate" add column if not exists "revoked_at" timestamptz null;`)
    this.addSql(`alter table if exists "certificate" add column if not exists "revoked_reason" text null;`)
    this.addSql(`alter table if exists "certificate" add column if not exists "revoked_by" text null;`)
    this.addSql(
      `create index if not exists "IDX_certificate_course_id" on "certificate" ("course_id") where deleted_at is null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_certificate_course_id";`)
    this.addSql(`alter table if exists "certificate" drop column if exists "revoked_by";`)
    this.addSql(`alter table if exists "certificate" drop column if exists "revoked_reason";`)
    this.addSql(`alter table if exists "certificate" drop column if exists "revoked_at";`)
  }
}
