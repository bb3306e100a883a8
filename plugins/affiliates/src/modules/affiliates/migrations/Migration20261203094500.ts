import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203094500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "affiliate_program" add column if not exists "recurring_commission" text check ("recurring_commission" in ('first_payment', 'recurring')) not null default 'first_payment', add column if not exists "recurring_months" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "affiliate_program" drop column if exists "recurring_commission", drop column if exists "recurring_months";`);
  }

}
