import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122093438 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "affiliate_referral" drop constraint if exists "affiliate_referral_cart_id_affiliate_id_click_id_unique";`);
    this.addSql(`alter table if exists "affiliate_program" drop constraint if exists "affiliate_program_org_id_unique";`);
    this.addSql(`alter table if exists "affiliate_product_rate" drop constraint if exists "affiliate_product_rate_affiliate_id_product_id_unique";`);
    this.addSql(`alter table if exists "affiliate_coupon" drop constraint if exists "affiliate_coupon_promotion_id_unique";`);
    this.addSql(`alter table if exists "affiliate_commission" drop constraint if exists "affiliate_commission_line_item_id_unique";`);
    this.addSql(`alter table if exists "affiliate" drop constraint if exists "affiliate_org_id_customer_id_unique";`);
    this.addSql(`alter table if exists "affiliate" drop constraint if exists "affiliate_org_id_code_unique";`);
    this.addSql(`create table if not exists "affiliate" ("id" text not null, "org_id" text not null, "customer_id" text not null, "email" text null, "code" text not null, "status" text check ("status" in ('pending', 'approved', 'rejected', 'suspended')) not null default 'pending', "commission_type" text check ("commission_type" in ('percent', 'fixed')) null, "commission_bps" integer null, "fixed_amounts" jsonb null, "status_changed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_deleted_at" ON "affiliate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_org_id_code_unique" ON "affiliate" ("org_id", "code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_org_id_customer_id_unique" ON "affiliate" ("org_id", "customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "affiliate_click" ("id" text not null, "org_id" text not null, "affiliate_id" text not null, "code" text not null, "landing_url" text null, "ip_hash" text null, "user_agent_hash" text null, "clicked_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_click_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_click_deleted_at" ON "affiliate_click" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_click_affiliate_id_clicked_at" ON "affiliate_click" ("affiliate_id", "clicked_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_click_org_id" ON "affiliate_click" ("org_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "affiliate_commission" ("id" text not null, "org_id" text not null, "affiliate_id" text not null, "order_id" text not null, "line_item_id" text not null, "product_id" text null, "currency_code" text not null, "source" text check ("source" in ('click', 'coupon')) not null, "click_id" text null, "promotion_id" text null, "base_amount" numeric not null, "rate_source" text null, "rate_type" text null, "rate_bps" integer null, "original_amount" numeric not null, "amount" numeric not null, "clawed_back_amount" numeric not null default 0, "status" text check ("status" in ('pending', 'approved', 'paid', 'voided')) not null default 'pending', "flags" jsonb null, "needs_review" boolean not null default false, "ordered_at" timestamptz not null, "hold_until" timestamptz not null, "approved_at" timestamptz null, "paid_at" timestamptz null, "payout_reference" text null, "ledger_transaction_id" text null, "raw_base_amount" jsonb not null, "raw_original_amount" jsonb not null, "raw_amount" jsonb not null, "raw_clawed_back_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_commission_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_commission_deleted_at" ON "affiliate_commission" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_commission_line_item_id_unique" ON "affiliate_commission" ("line_item_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_commission_org_id_status" ON "affiliate_commission" ("org_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_commission_affiliate_id_status" ON "affiliate_commission" ("affiliate_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_commission_order_id" ON "affiliate_commission" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "affiliate_coupon" ("id" text not null, "org_id" text not null, "affiliate_id" text not null, "promotion_id" text not null, "code" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_coupon_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_coupon_deleted_at" ON "affiliate_coupon" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_coupon_promotion_id_unique" ON "affiliate_coupon" ("promotion_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_coupon_affiliate_id" ON "affiliate_coupon" ("affiliate_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "affiliate_product_rate" ("id" text not null, "org_id" text not null, "affiliate_id" text not null, "product_id" text not null, "commission_type" text check ("commission_type" in ('percent', 'fixed')) not null, "commission_bps" integer null, "fixed_amounts" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_product_rate_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_product_rate_deleted_at" ON "affiliate_product_rate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_product_rate_affiliate_id_product_id_unique" ON "affiliate_product_rate" ("affiliate_id", "product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "affiliate_program" ("id" text not null, "org_id" text not null, "enabled" boolean not null default false, "commission_type" text check ("commission_type" in ('percent', 'fixed')) not null default 'percent', "commission_bps" integer null, "fixed_amounts" jsonb null, "cookie_window_days" integer not null default 30, "attribution_model" text check ("attribution_model" in ('first_click', 'last_click')) not null default 'last_click', "hold_days" integer not null default 30, "minimum_payouts" jsonb null, "approval" text check ("approval" in ('automatic', 'manual')) not null default 'automatic', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_program_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_program_deleted_at" ON "affiliate_program" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_program_org_id_unique" ON "affiliate_program" ("org_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "affiliate_referral" ("id" text not null, "org_id" text not null, "cart_id" text not null, "affiliate_id" text not null, "click_id" text null, "touched_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "affiliate_referral_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_referral_deleted_at" ON "affiliate_referral" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_affiliate_referral_cart_id" ON "affiliate_referral" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_affiliate_referral_cart_id_affiliate_id_click_id_unique" ON "affiliate_referral" ("cart_id", "affiliate_id", "click_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "affiliate" cascade;`);

    this.addSql(`drop table if exists "affiliate_click" cascade;`);

    this.addSql(`drop table if exists "affiliate_commission" cascade;`);

    this.addSql(`drop table if exists "affiliate_coupon" cascade;`);

    this.addSql(`drop table if exists "affiliate_product_rate" cascade;`);

    this.addSql(`drop table if exists "affiliate_program" cascade;`);

    this.addSql(`drop table if exists "affiliate_referral" cascade;`);
  }

}
