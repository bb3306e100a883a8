import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122070109 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "lesson_progress" drop constraint if exists "lesson_progress_enrollment_id_placement_id_unique";`);
    this.addSql(`alter table if exists "enrollment" drop constraint if exists "enrollment_customer_id_course_id_unique";`);
    this.addSql(`alter table if exists "course" drop constraint if exists "course_product_id_unique";`);
    this.addSql(`alter table if exists "course" drop constraint if exists "course_org_id_handle_unique";`);
    this.addSql(`create table if not exists "course" ("id" text not null, "org_id" text not null, "product_id" text not null, "handle" text not null, "title" text not null, "subtitle" text null, "description" text null, "level" text check ("level" in ('beginner', 'intermediate', 'advanced')) not null default 'beginner', "difficulty" integer not null default 1, "language" text not null default 'en', "status" text check ("status" in ('draft', 'published', 'archived')) not null default 'draft', "thumbnail" text null, "estimated_minutes" integer null, "published_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "course_pkey" primary key ("id"), constraint course_difficulty_range check (difficulty BETWEEN 1 AND 10), constraint course_estimated_minutes_positive check (estimated_minutes IS NULL OR estimated_minutes >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_deleted_at" ON "course" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_course_org_id_handle_unique" ON "course" ("org_id", "handle") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_course_product_id_unique" ON "course" ("product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_org_id_status" ON "course" ("org_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "course_module" ("id" text not null, "title" text not null, "rank" integer not null default 0, "required_tier" integer not null default 1, "drip_days" integer null, "drip_date" timestamptz null, "course_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "course_module_pkey" primary key ("id"), constraint course_module_tier_positive check (required_tier >= 1), constraint course_module_drip_days_positive check (drip_days IS NULL OR drip_days >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_module_course_id" ON "course_module" ("course_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_module_deleted_at" ON "course_module" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_module_course_id_rank" ON "course_module" ("course_id", "rank") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "course_section" ("id" text not null, "course_id" text not null, "title" text not null, "rank" integer not null default 0, "required_tier" integer not null default 1, "drip_days" integer null, "drip_date" timestamptz null, "module_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "course_section_pkey" primary key ("id"), constraint course_section_tier_positive check (required_tier >= 1), constraint course_section_drip_days_positive check (drip_days IS NULL OR drip_days >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_section_module_id" ON "course_section" ("module_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_section_deleted_at" ON "course_section" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_section_course_id" ON "course_section" ("course_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_section_module_id_rank" ON "course_section" ("module_id", "rank") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "enrollment" ("id" text not null, "customer_id" text not null, "course_id" text not null, "org_id" text not null, "started_at" timestamptz not null, "completed_at" timestamptz null, "status" text check ("status" in ('active', 'completed', 'cancelled')) not null default 'active', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "enrollment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_enrollment_deleted_at" ON "enrollment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_enrollment_customer_id_course_id_unique" ON "enrollment" ("customer_id", "course_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_enrollment_course_id" ON "enrollment" ("course_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "lesson" ("id" text not null, "org_id" text not null, "title" text not null, "type" text check ("type" in ('video', 'text', 'download', 'quiz', 'assignment')) not null default 'text', "body" text null, "video_provider" text check ("video_provider" in ('url', 'file', 'mux', 'cloudflare')) null, "video_source" text null, "duration_seconds" integer null, "attachments" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "lesson_pkey" primary key ("id"), constraint lesson_duration_positive check (duration_seconds IS NULL OR duration_seconds >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_lesson_deleted_at" ON "lesson" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_lesson_org_id" ON "lesson" ("org_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "lesson_progress" ("id" text not null, "placement_id" text not null, "status" text check ("status" in ('in_progress', 'completed')) not null default 'in_progress', "position_seconds" integer not null default 0, "completed_at" timestamptz null, "enrollment_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "lesson_progress_pkey" primary key ("id"), constraint lesson_progress_position_positive check (position_seconds >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_lesson_progress_enrollment_id" ON "lesson_progress" ("enrollment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_lesson_progress_deleted_at" ON "lesson_progress" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_lesson_progress_enrollment_id_placement_id_unique" ON "lesson_progress" ("enrollment_id", "placement_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "section_lesson" ("id" text not null, "course_id" text not null, "rank" integer not null default 0, "required_tier" integer not null default 1, "is_preview" boolean not null default false, "drip_days" integer null, "drip_date" timestamptz null, "section_id" text not null, "lesson_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "section_lesson_pkey" primary key ("id"), constraint section_lesson_tier_positive check (required_tier >= 1), constraint section_lesson_drip_days_positive check (drip_days IS NULL OR drip_days >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_section_lesson_section_id" ON "section_lesson" ("section_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_section_lesson_lesson_id" ON "section_lesson" ("lesson_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_section_lesson_deleted_at" ON "section_lesson" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_section_lesson_course_id" ON "section_lesson" ("course_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_section_lesson_section_id_rank" ON "section_lesson" ("section_id", "rank") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "course_module" add constraint "course_module_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "course_section" add constraint "course_section_module_id_foreign" foreign key ("module_id") references "course_module" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "lesson_progress" add constraint "lesson_progress_enrollment_id_foreign" foreign key ("enrollment_id") references "enrollment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "section_lesson" add constraint "section_lesson_section_id_foreign" foreign key ("section_id") references "course_section" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table if exists "section_lesson" add constraint "section_lesson_lesson_id_foreign" foreign key ("lesson_id") references "lesson" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "course_module" drop constraint if exists "course_module_course_id_foreign";`);

    this.addSql(`alter table if exists "course_section" drop constraint if exists "course_section_module_id_foreign";`);

    this.addSql(`alter table if exists "section_lesson" drop constraint if exists "section_lesson_section_id_foreign";`);

    this.addSql(`alter table if exists "lesson_progress" drop constraint if exists "lesson_progress_enrollment_id_foreign";`);

    this.addSql(`alter table if exists "section_lesson" drop constraint if exists "section_lesson_lesson_id_foreign";`);

    this.addSql(`drop table if exists "course" cascade;`);

    this.addSql(`drop table if exists "course_module" cascade;`);

    this.addSql(`drop table if exists "course_section" cascade;`);

    this.addSql(`drop table if exists "enrollment" cascade;`);

    this.addSql(`drop table if exists "lesson" cascade;`);

    this.addSql(`drop table if exists "lesson_progress" cascade;`);

    this.addSql(`drop table if exists "section_lesson" cascade;`);
  }

}
