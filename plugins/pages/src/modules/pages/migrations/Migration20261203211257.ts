import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203211257 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "page_translation" drop constraint if exists "page_translation_page_id_locale_block_id_field_unique";`);
    this.addSql(`create table if not exists "page_translation" ("id" text not null, "page_id" text not null, "locale" text not null, "block_id" text not null, "field" text not null, "value" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "page_translation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_page_translation_deleted_at" ON "page_translation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_page_translation_page_id_locale_block_id_field_unique" ON "page_translation" ("page_id", "locale", "block_id", "field") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_page_translation_page_id_locale" ON "page_translation" ("page_id", "locale") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "page_translation" cascade;`);
  }

}
