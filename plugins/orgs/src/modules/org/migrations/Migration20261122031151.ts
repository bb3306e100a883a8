import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122031151 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "platform_operator" drop constraint if exists "platform_operator_user_id_unique";`);
    this.addSql(`alter table if exists "org" drop constraint if exists "org_sales_channel_id_unique";`);
    this.addSql(`alter table if exists "org" drop constraint if exists "org_handle_unique";`);
    this.addSql(`create table if not exists "org" ("id" text not null, "handle" text not null, "name" text not null, "status" text check ("status" in ('active', 'suspended')) not null default 'active', "sales_channel_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "org_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_deleted_at" ON "org" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_handle_unique" ON "org" ("handle") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_sales_channel_id_unique" ON "org" ("sales_channel_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "platform_operator" ("id" text not null, "user_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "platform_operator_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_platform_operator_deleted_at" ON "platform_operator" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_platform_operator_user_id_unique" ON "platform_operator" ("user_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "org" cascade;`);

    this.addSql(`drop table if exists "platform_operator" cascade;`);
  }

}
