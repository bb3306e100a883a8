import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Translations of course, module, section and lesson texts per locale (issue 26). */
export class Migration20261203141000Translations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "course_translation" (
      "id" text not null,
      "org_id" text not null,
      "entity_type" text check ("entity_type" in ('course', 'module', 'section', 'lesson')) not null,
      "entity_id" text not null,
      "locale" text not null,
      "field" text check ("field" in ('title', 'subtitle', 'description', 'body')) not null,
      "value" text not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "deleted_at" timestamptz null,
      constraint "course_translation_pkey" primary key ("id"));`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_course_translation_entity_type_entity_id_locale_field_unique" ON "course_translation" ("entity_type", "entity_id", "locale", "field") WHERE deleted_at IS NULL;`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_translation_org_id_locale" ON "course_translation" ("org_id", "locale") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_course_translation_deleted_at" ON "course_translation" ("deleted_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "course_translation" cascade;`)
  }
}
