import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203134952 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "page_version" drop constraint if exists "page_version_page_id_number_unique";`);
    this.addSql(`alter table if exists "page" drop constraint if exists "page_org_home_unique";`);
    this.addSql(`alter table if exists "page" drop constraint if exists "page_org_id_slug_unique";`);
    this.addSql(`create table if not exists "page" ("id" text not null, "org_id" text not null, "slug" text not null, "title" text not null, "is_home" boolean not null default false, "status" text check ("status" in ('draft', 'published')) not null default 'draft', "published_version_id" text null, "published_at" timestamptz null, "seo" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "page_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_page_deleted_at" ON "page" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_page_org_id_slug_unique" ON "page" ("org_id", "slug") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_page_org_home_unique" ON "page" ("org_id") WHERE deleted_at IS NULL AND is_home = true;`);

    this.addSql(`create table if not exists "page_version" ("id" text not null, "number" integer not null, "blocks" jsonb not null, "title" text not null, "created_by" text null, "page_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "page_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_page_version_page_id" ON "page_version" ("page_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_page_version_deleted_at" ON "page_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_page_version_page_id_number_unique" ON "page_version" ("page_id", "number") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "page_version" add constraint "page_version_page_id_foreign" foreign key ("page_id") references "page" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "page_version" drop constraint if exists "page_version_page_id_foreign";`);

    this.addSql(`drop table if exists "page" cascade;`);

    this.addSql(`drop table if exists "page_version" cascade;`);
  }

}
