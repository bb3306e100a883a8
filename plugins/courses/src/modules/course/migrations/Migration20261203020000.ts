import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Course details (instructors, tier names and "includes", FAQ) and instructor profiles;
 * level and language lose their defaults (a new course shows no badge the merchant never set).
 */
export class Migration20261203020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "course" add column if not exists "instructor_ids" jsonb null;`)
    this.addSql(`alter table if exists "course" add column if not exists "tier_details" jsonb null;`)
    this.addSql(`alter table if exists "course" add column if not exists "faq" jsonb null;`)
    this.addSql(`alter table if exists "course" alter column "level" drop not null, alter column "level" drop default;`)
    this.addSql(`alter table if exists "course" alter column "language" drop not null, alter column "language" drop default;`)
    this.addSql(`create table if not exists "course_instructor" ("id" text not null, "org_id" text not null, "employee_id" text not null,
      "name" text not null, "headline" text null, "bio" text null, "photo_url" text null,
      "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null,
      constraint "course_instructor_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_course_instructor_org_id_employee_id_unique" ON "course_instructor" ("org_id", "employee_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_instructor_deleted_at" ON "course_instructor" ("deleted_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "course_instructor" cascade;`)
    this.addSql(`alter table if exists "course" drop column if exists "instructor_ids", drop column if exists "tier_details", drop column if exists "faq";`)
  }
}
