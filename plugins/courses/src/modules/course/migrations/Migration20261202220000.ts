import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** course.lead_magnet: anyone may enroll in the course's free tier with only an email. */
export class Migration20261202220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "course" add column if not exists "lead_magnet" boolean not null default false;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "course" drop column if exists "lead_magnet";`)
  }
}
