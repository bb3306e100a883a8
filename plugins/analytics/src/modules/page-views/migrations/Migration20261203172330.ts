import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203172330 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "page_view_day" ("id" text not null, "org_id" text not null, "day" timestamptz not null, "course_id" text null, "page_slug" text null, "views" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "page_view_day_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_page_view_day_deleted_at" ON "page_view_day" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_page_view_day_course" ON "page_view_day" ("org_id", "day", "course_id") WHERE course_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_page_view_day_page" ON "page_view_day" ("org_id", "day", "page_slug") WHERE page_slug IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "page_view_day" cascade;`);
  }

}
