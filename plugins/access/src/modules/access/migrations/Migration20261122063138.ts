import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122063138 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "entitlement" drop constraint if exists "entitlement_source_type_source_id_unique";`);
    this.addSql(`alter table if exists "access_plan" drop constraint if exists "access_plan_variant_id_unique";`);
    this.addSql(`create table if not exists "access_plan" ("id" text not null, "variant_id" text not null, "product_id" text not null, "tier" integer not null, "duration_days" integer null, "billing" text check ("billing" in ('one_time', 'subscription')) not null default 'one_time', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "access_plan_pkey" primary key ("id"), constraint access_plan_tier_positive check (tier >= 1), constraint access_plan_duration_positive check (duration_days IS NULL OR duration_days >= 1));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_access_plan_deleted_at" ON "access_plan" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_access_plan_variant_id_unique" ON "access_plan" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_access_plan_product_id" ON "access_plan" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "entitlement" ("id" text not null, "customer_id" text not null, "product_id" text not null, "variant_id" text null, "tier" integer not null, "source_type" text check ("source_type" in ('order_line_item', 'subscription', 'manual', 'gift')) not null, "source_id" text not null, "order_id" text null, "starts_at" timestamptz not null, "expires_at" timestamptz null, "status" text check ("status" in ('active', 'revoked', 'expired')) not null default 'active', "reason" text null, "granted_by" text null, "revoked_at" timestamptz null, "revoked_by" text null, "revoke_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "entitlement_pkey" primary key ("id"), constraint entitlement_tier_positive check (tier >= 1));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_entitlement_deleted_at" ON "entitlement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_entitlement_source_type_source_id_unique" ON "entitlement" ("source_type", "source_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_entitlement_customer_id_product_id_status" ON "entitlement" ("customer_id", "product_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_entitlement_order_id" ON "entitlement" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_entitlement_status_expires_at" ON "entitlement" ("status", "expires_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "access_plan" cascade;`);

    this.addSql(`drop table if exists "entitlement" cascade;`);
  }

}
