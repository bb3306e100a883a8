import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122071823 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "attribution_rule" ("id" text not null, "org_id" text not null, "product_id" text not null, "employee_id" text not null, "user_id" text not null, "role" text check ("role" in ('creator', 'collaborator', 'manager', 'reviewer')) not null, "type" text check ("type" in ('percent', 'fixed', 'hybrid')) not null, "percent_bps" integer not null default 0, "fixed_amounts" jsonb null, "effective_from" timestamptz not null, "effective_to" timestamptz null, "ended_reason" text null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "attribution_rule_pkey" primary key ("id"), constraint attribution_rule_percent_range check (percent_bps >= 0 AND percent_bps <= 10000), constraint attribution_rule_dates_ordered check (effective_to IS NULL OR effective_to > effective_from));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_rule_deleted_at" ON "attribution_rule" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_rule_product_id_effective_from" ON "attribution_rule" ("product_id", "effective_from") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_rule_employee_id" ON "attribution_rule" ("employee_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_attribution_rule_org_id" ON "attribution_rule" ("org_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attribution_rule" cascade;`);
  }

}
