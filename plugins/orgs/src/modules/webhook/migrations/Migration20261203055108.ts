import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203055108 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "webhook_delivery" drop constraint if exists "webhook_delivery_endpoint_id_event_key_unique";`);
    this.addSql(`create table if not exists "webhook_delivery" ("id" text not null, "org_id" text not null, "endpoint_id" text not null, "event_name" text not null, "event_key" text not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'succeeded', 'failed')) not null default 'pending', "attempts" integer not null default 0, "first_due_at" timestamptz not null, "next_attempt_at" timestamptz null, "claimed_until" timestamptz null, "response_status" integer null, "last_error" text null, "duration_ms" integer null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_webhook_delivery_deleted_at" ON "webhook_delivery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_webhook_delivery_endpoint_id_event_key_unique" ON "webhook_delivery" ("endpoint_id", "event_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_webhook_delivery_next_attempt_at" ON "webhook_delivery" ("next_attempt_at") WHERE deleted_at IS NULL AND status = 'pending';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_webhook_delivery_org_id_endpoint_id" ON "webhook_delivery" ("org_id", "endpoint_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "webhook_endpoint" ("id" text not null, "org_id" text not null, "url" text not null, "description" text null, "events" jsonb not null, "secret" text not null, "enabled" boolean not null default true, "disabled_reason" text null, "failing_since" timestamptz null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_webhook_endpoint_deleted_at" ON "webhook_endpoint" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_webhook_endpoint_org_id" ON "webhook_endpoint" ("org_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
  }

}
