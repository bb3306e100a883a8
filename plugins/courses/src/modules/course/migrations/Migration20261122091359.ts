import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122091359 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "quiz_attempt" drop constraint if exists "quiz_attempt_enrollment_id_placement_id_number_unique";`);
    this.addSql(`alter table if exists "lesson_quiz" drop constraint if exists "lesson_quiz_lesson_id_unique";`);
    this.addSql(`alter table if exists "drip_notice" drop constraint if exists "drip_notice_enrollment_id_placement_id_unique";`);
    this.addSql(`alter table if exists "certificate_settings" drop constraint if exists "certificate_settings_org_id_unique";`);
    this.addSql(`alter table if exists "certificate" drop constraint if exists "certificate_code_unique";`);
    this.addSql(`alter table if exists "certificate" drop constraint if exists "certificate_enrollment_id_unique";`);
    this.addSql(`create table if not exists "assignment_submission" ("id" text not null, "org_id" text not null, "course_id" text not null, "enrollment_id" text not null, "customer_id" text not null, "placement_id" text not null, "lesson_id" text not null, "text" text null, "file_id" text null, "file_name" text null, "file_mime_type" text null, "status" text check ("status" in ('submitted', 'passed', 'failed')) not null default 'submitted', "feedback" text null, "reviewed_by" text null, "reviewed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "assignment_submission_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_assignment_submission_deleted_at" ON "assignment_submission" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_assignment_submission_enrollment_id_placement_id" ON "assignment_submission" ("enrollment_id", "placement_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_assignment_submission_one_pending" ON "assignment_submission" ("enrollment_id", "placement_id") WHERE deleted_at IS NULL AND status = 'submitted';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_assignment_submission_org_id_status" ON "assignment_submission" ("org_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "certificate" ("id" text not null, "code" text not null, "enrollment_id" text not null, "customer_id" text not null, "course_id" text not null, "org_id" text not null, "student_name" text not null, "course_title" text not null, "org_name" text not null, "issued_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "certificate_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_certificate_deleted_at" ON "certificate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_certificate_enrollment_id_unique" ON "certificate" ("enrollment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_certificate_code_unique" ON "certificate" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_certificate_customer_id_org_id" ON "certificate" ("customer_id", "org_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "certificate_settings" ("id" text not null, "org_id" text not null, "title" text not null default 'Certificate of Completion', "body_text" text not null default 'has successfully completed the course', "signatory_name" text null, "signatory_title" text null, "accent_color" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "certificate_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_certificate_settings_deleted_at" ON "certificate_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_certificate_settings_org_id_unique" ON "certificate_settings" ("org_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "drip_notice" ("id" text not null, "enrollment_id" text not null, "placement_id" text not null, "customer_id" text not null, "available_at" timestamptz not null, "notification_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "drip_notice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_drip_notice_deleted_at" ON "drip_notice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_drip_notice_enrollment_id_placement_id_unique" ON "drip_notice" ("enrollment_id", "placement_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "lesson_quiz" ("id" text not null, "lesson_id" text not null, "org_id" text not null, "passing_score" integer not null default 70, "time_limit_seconds" integer null, "attempts_limit" integer null, "shuffle" boolean not null default false, "show_explanations" boolean not null default true, "required" boolean not null default true, "questions" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "lesson_quiz_pkey" primary key ("id"), constraint lesson_quiz_passing_score_range check (passing_score BETWEEN 0 AND 100), constraint lesson_quiz_time_limit_positive check (time_limit_seconds IS NULL OR time_limit_seconds > 0), constraint lesson_quiz_attempts_limit_positive check (attempts_limit IS NULL OR attempts_limit > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_lesson_quiz_deleted_at" ON "lesson_quiz" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_lesson_quiz_lesson_id_unique" ON "lesson_quiz" ("lesson_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "quiz_attempt" ("id" text not null, "enrollment_id" text not null, "placement_id" text not null, "lesson_id" text not null, "number" integer not null, "status" text check ("status" in ('in_progress', 'submitted', 'expired')) not null default 'in_progress', "started_at" timestamptz not null, "deadline_at" timestamptz null, "submitted_at" timestamptz null, "passing_score" integer not null, "show_explanations" boolean not null default true, "questions" jsonb not null, "answers" jsonb null, "results" jsonb null, "score_points" integer null, "max_points" integer not null, "score_percent" integer null, "passed" boolean null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "quiz_attempt_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_quiz_attempt_deleted_at" ON "quiz_attempt" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_quiz_attempt_enrollment_id_placement_id_number_unique" ON "quiz_attempt" ("enrollment_id", "placement_id", "number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_quiz_attempt_enrollment_id_placement_id" ON "quiz_attempt" ("enrollment_id", "placement_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "course" add column if not exists "certificates_enabled" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "assignment_submission" cascade;`);

    this.addSql(`drop table if exists "certificate" cascade;`);

    this.addSql(`drop table if exists "certificate_settings" cascade;`);

    this.addSql(`drop table if exists "drip_notice" cascade;`);

    this.addSql(`drop table if exists "lesson_quiz" cascade;`);

    this.addSql(`drop table if exists "quiz_attempt" cascade;`);

    this.addSql(`alter table if exists "course" drop column if exists "certificates_enabled";`);
  }

}
