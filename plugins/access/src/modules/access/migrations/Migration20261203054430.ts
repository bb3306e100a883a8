import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203054430 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "subscription_renewal" drop constraint if exists "subscription_renewal_subscription_id_period_index_unique";`);
    this.addSql(`alter table if exists "subscription" drop constraint if exists "subscription_origin_order_id_unique";`);
    this.addSql(`create table if not exists "subscription" ("id" text not null, "customer_id" text not null, "org_id" text null, "plan_id" text not null, "variant_id" text not null, "product_id" text not null, "tier" integer not null, "scope" text check ("scope" in ('course', 'org')) not null default 'course', "interval" text check ("interval" in ('week', 'month', 'year')) not null, "interval_count" integer not null, "max_payments" integer null, "status" text check ("status" in ('trialing', 'active', 'past_due', 'canceled', 'completed')) not null, "origin_order_id" text not null, "email" text null, "region_id" text not null, "currency_code" text not null, "sales_channel_id" text null, "payment_provider_id" text not null, "payment_method_ref" jsonb null, "trial_ends_at" timestamptz null, "billing_anchor" timestamptz not null, "current_period_start" timestamptz not null, "current_period_end" timestamptz not null, "next_charge_at" timestamptz null, "cancel_at_period_end" boolean not null default false, "canceled_at" timestamptz null, "cancel_reason" text null, "payments_made" integer not null default 0, "failed_attempts" integer not null default 0, "past_due_since" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "subscription_pkey" primary key ("id"), constraint subscription_payments_made_range check (payments_made >= 0), constraint subscription_interval_count_positive check (interval_count >= 1));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_subscription_deleted_at" ON "subscription" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_subscription_origin_order_id_unique" ON "subscription" ("origin_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_subscription_next_charge_at" ON "subscription" ("next_charge_at") WHERE deleted_at IS NULL AND next_charge_at IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_subscription_customer_id_status" ON "subscription" ("customer_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_subscription_org_id_status" ON "subscription" ("org_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "subscription_renewal" ("id" text not null, "subscription_id" text not null, "period_index" integer not null, "status" text check ("status" in ('pending', 'paid', 'failed')) not null default 'pending', "attempts" integer not null default 0, "order_id" text null, "last_error" text null, "period_start" timestamptz not null, "period_end" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "subscription_renewal_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_subscription_renewal_deleted_at" ON "subscription_renewal" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_subscription_renewal_subscription_id_period_index_unique" ON "subscription_renewal" ("subscription_id", "period_index") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_subscription_renewal_order_id" ON "subscription_renewal" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "access_plan" add column if not exists "interval" text check ("interval" in ('week', 'month', 'year')) null, add column if not exists "interval_count" integer null, add column if not exists "trial_days" integer not null default 0, add column if not exists "max_payments" integer null, add column if not exists "scope" text check ("scope" in ('course', 'org')) not null default 'course';`);
    this.addSql(`alter table if exists "access_plan" add constraint access_plan_subscription_interval check(billing <> 'subscription' OR (interval IS NOT NULL AND interval_count >= 1));`);
    this.addSql(`alter table if exists "access_plan" add constraint access_plan_trial_days_range check(trial_days >= 0);`);
    this.addSql(`alter table if exists "access_plan" add constraint access_plan_max_payments_positive check(max_payments IS NULL OR max_payments >= 1);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "subscription" cascade;`);

    this.addSql(`drop table if exists "subscription_renewal" cascade;`);

    this.addSql(`alter table if exists "access_plan" drop constraint if exists access_plan_subscription_interval;`);
    this.addSql(`alter table if exists "access_plan" drop constraint if exists access_plan_trial_days_range;`);
    this.addSql(`alter table if exists "access_plan" drop constraint if exists access_plan_max_payments_positive;`);
    this.addSql(`alter table if exists "access_plan" drop column if exists "interval", drop column if exists "interval_count", drop column if exists "trial_days", drop column if exists "max_payments", drop column if exists "scope";`);
  }

}
