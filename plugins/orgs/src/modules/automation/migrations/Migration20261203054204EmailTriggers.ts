import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203054204EmailTriggers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "automation_run" drop constraint if exists "automation_run_sequence_id_customer_id_episode_unique";`);
    this.addSql(`create table if not exists "marketing_opt_in" ("id" text not null, "org_id" text not null, "email" text not null, "course_id" text null, "expires_at" timestamptz not null, "confirmed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_opt_in_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_opt_in_deleted_at" ON "marketing_opt_in" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_opt_in_org_id_email" ON "marketing_opt_in" ("org_id", "email") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "automation_sequence" drop constraint if exists "automation_sequence_trigger_type_check";`);

    this.addSql(`drop index if exists "IDX_automation_run_sequence_id_customer_id_unique";`);

    this.addSql(`alter table if exists "automation_run" add column if not exists "episode" text not null default '';`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_run_sequence_id_customer_id_episode_unique" ON "automation_run" ("sequence_id", "customer_id", "episode") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "automation_sequence" add column if not exists "trigger_days" integer null;`);
    this.addSql(`alter table if exists "automation_sequence" add constraint "automation_sequence_trigger_type_check" check("trigger_type" in ('member_joined', 'product_bought', 'course_enrolled', 'course_completed', 'no_lesson_opened', 'lead_magnet_opt_in'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_opt_in" cascade;`);

    this.addSql(`alter table if exists "automation_sequence" drop constraint if exists "automation_sequence_trigger_type_check";`);

    this.addSql(`drop index if exists "IDX_automation_run_sequence_id_customer_id_episode_unique";`);
    this.addSql(`alter table if exists "automation_run" drop column if exists "episode";`);

    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_run_sequence_id_customer_id_unique" ON "automation_run" ("sequence_id", "customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "automation_sequence" drop column if exists "trigger_days";`);

    this.addSql(`alter table if exists "automation_sequence" add constraint "automation_sequence_trigger_type_check" check("trigger_type" in ('member_joined', 'product_bought', 'course_enrolled', 'course_completed'));`);
  }

}
