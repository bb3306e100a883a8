import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Plan switch (customer self-service): the downgrade a subscription takes at its next renewal. */
export class Migration20261203093500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "subscription" add column if not exists "pending_variant_id" text null, add column if not exists "pending_plan_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "subscription" drop column if exists "pending_variant_id", drop column if exists "pending_plan_id";`);
  }

}
