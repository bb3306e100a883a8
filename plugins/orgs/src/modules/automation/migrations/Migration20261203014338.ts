import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203014338 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "email_suppression" drop constraint if exists "email_suppression_org_id_email_unique";`);
    this.addSql(`alter table if exists "automation_run" drop constraint if exists "automation_run_sequence_id_customer_id_unique";`);
    this.addSql(`create table if not exists "automation_run" ("id" text not null, "org_id" text not null, "sequence_id" text not null, "customer_id" text not null, "email" text not null, "status" text check ("status" in ('active', 'completed', 'exited', 'unsubscribed')) not null default 'active', "next_step" integer not null default 0, "due_at" timestamptz not null, "claimed_until" timestamptz null, "context" jsonb null, "sent_count" integer not null default 0, "ended_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_run_deleted_at" ON "automation_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_run_sequence_id_customer_id_unique" ON "automation_run" ("sequence_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_run_due_at" ON "automation_run" ("due_at") WHERE deleted_at IS NULL AND status = 'active';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_run_org_id_customer_id" ON "automation_run" ("org_id", "customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "automation_sequence" ("id" text not null, "org_id" text not null, "name" text not null, "status" text check ("status" in ('draft', 'active', 'paused')) not null default 'draft', "trigger_type" text check ("trigger_type" in ('member_joined', 'product_bought', 'course_enrolled', 'course_completed')) not null, "trigger_ref" text null, "steps" jsonb not null, "exit_on_purchase" boolean not null default false, "exit_product_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_sequence_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_sequence_deleted_at" ON "automation_sequence" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_sequence_org_id_trigger_type" ON "automation_sequence" ("org_id", "trigger_type") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "email_suppression" ("id" text not null, "org_id" text not null, "email" text not null, "reason" text check ("reason" in ('unsubscribed', 'bounced')) not null, "source" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "email_suppression_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_email_suppression_deleted_at" ON "email_suppression" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_email_suppression_org_id_email_unique" ON "email_suppression" ("org_id", "email") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "automation_run" cascade;`);

    this.addSql(`drop table if exists "automation_sequence" cascade;`);

    this.addSql(`drop table if exists "email_suppression" cascade;`);
  }

}
