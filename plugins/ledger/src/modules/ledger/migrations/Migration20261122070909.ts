import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122070909 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "ledger_transaction" drop constraint if exists "ledger_transaction_reference_type_reference_id_unique";`);
    this.addSql(`alter table if exists "ledger_account" drop constraint if exists "ledger_account_key_unique";`);
    this.addSql(`create table if not exists "ledger_account" ("id" text not null, "key" text not null, "org_id" text not null, "code" text not null, "name" text not null, "type" text check ("type" in ('asset', 'liability', 'equity', 'revenue', 'expense')) not null, "normal_balance" text check ("normal_balance" in ('debit', 'credit')) not null, "currency_code" text not null, "owner_type" text null, "owner_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "ledger_account_pkey" primary key ("id"), constraint ledger_account_normal_balance_matches_type check (((type IN ('asset', 'expense')) = (normal_balance = 'debit'))));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_account_deleted_at" ON "ledger_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_ledger_account_key_unique" ON "ledger_account" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_account_org_id_currency_code" ON "ledger_account" ("org_id", "currency_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_account_owner_type_owner_id" ON "ledger_account" ("owner_type", "owner_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "ledger_transaction" ("id" text not null, "org_id" text not null, "currency_code" text not null, "kind" text check ("kind" in ('posting', 'reversal', 'payout', 'adjustment')) not null, "reference_type" text not null, "reference_id" text not null, "reverses_id" text null, "description" text null, "flags" jsonb null, "occurred_at" timestamptz not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "ledger_transaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_transaction_deleted_at" ON "ledger_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_ledger_transaction_reference_type_reference_id_unique" ON "ledger_transaction" ("reference_type", "reference_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_transaction_org_id_occurred_at" ON "ledger_transaction" ("org_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_transaction_reverses_id" ON "ledger_transaction" ("reverses_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "ledger_entry" ("id" text not null, "transaction_id" text not null, "account_id" text not null, "org_id" text not null, "currency_code" text not null, "direction" text check ("direction" in ('debit', 'credit')) not null, "amount" numeric not null, "product_id" text null, "line_item_id" text null, "metadata" jsonb null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "ledger_entry_pkey" primary key ("id"), constraint ledger_entry_amount_positive check (amount > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_entry_transaction_id" ON "ledger_entry" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_entry_account_id" ON "ledger_entry" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_entry_deleted_at" ON "ledger_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_entry_org_id_currency_code" ON "ledger_entry" ("org_id", "currency_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_entry_product_id" ON "ledger_entry" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "ledger_entry" add constraint "ledger_entry_transaction_id_foreign" foreign key ("transaction_id") references "ledger_transaction" ("id") on update cascade;`);
    this.addSql(`alter table if exists "ledger_entry" add constraint "ledger_entry_account_id_foreign" foreign key ("account_id") references "ledger_account" ("id") on update cascade;`);

    // Entries are append-only: no UPDATE reaches them, whatever the caller (hand-written).
    this.addSql(`CREATE OR REPLACE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger_entry rows are append-only'; END $$;`);
    this.addSql(`DROP TRIGGER IF EXISTS ledger_entry_no_update ON "ledger_entry";`);
    this.addSql(`CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON "ledger_entry" FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS ledger_entry_no_update ON "ledger_entry";`);
    this.addSql(`DROP FUNCTION IF EXISTS ledger_entry_append_only();`);
    this.addSql(`alter table if exists "ledger_entry" drop constraint if exists "ledger_entry_account_id_foreign";`);

    this.addSql(`alter table if exists "ledger_entry" drop constraint if exists "ledger_entry_transaction_id_foreign";`);

    this.addSql(`drop table if exists "ledger_account" cascade;`);

    this.addSql(`drop table if exists "ledger_transaction" cascade;`);

    this.addSql(`drop table if exists "ledger_entry" cascade;`);
  }

}
