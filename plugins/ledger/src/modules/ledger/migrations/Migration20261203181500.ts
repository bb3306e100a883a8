import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Hand-written: `ledger_day_sum`, the daily rollup of ledger entries (per account, UTC day of
 * the transaction, transaction kind and product: debit and credit sums), kept by triggers in
 * the same DB transaction as the entries it sums, so it is exact whoever writes: an INSERT of
 * entries adds them, the DELETE of a failed workflow's postings (rollbackPostedTransactions,
 * entries before their transaction) takes them off; entries are never updated (a trigger
 * refuses it). Reports of whole days read it instead of every entry (analytics, P9). The
 * existing entries are summed into it here.
 */
export class Migration20261203181500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "ledger_day_sum" ("account_id" text not null, "org_id" text not null, "currency_code" text not null, "day" date not null, "kind" text not null, "product_id" text not null default '', "debits" numeric not null default 0, "credits" numeric not null default 0, constraint "ledger_day_sum_pkey" primary key ("account_id", "day", "kind", "product_id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_ledger_day_sum_org_id_day" ON "ledger_day_sum" ("org_id", "day");`);
    const sums = (rows: string) => `SELECT e.account_id, e.org_id, e.currency_code, (t.occurred_at AT TIME ZONE 'UTC')::date, t.kind, COALESCE(e.product_id, ''),
        SUM(CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END), SUM(CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END)
      FROM ${rows} e JOIN ledger_transaction t ON t.id = e.transaction_id
      WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6`
    this.addSql(`CREATE OR REPLACE FUNCTION ledger_day_sum_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      INSERT INTO ledger_day_sum (account_id, org_id, currency_code, day, kind, product_id, debits, credits)
      ${sums("added_entries")}
      ON CONFLICT (account_id, day, kind, product_id) DO UPDATE SET debits = ledger_day_sum.debits + EXCLUDED.debits, credits = ledger_day_sum.credits + EXCLUDED.credits;
      RETURN NULL; END $$;`);
    this.addSql(`CREATE OR REPLACE FUNCTION ledger_day_sum_remove() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      UPDATE ledger_day_sum s SET debits = s.debits - r.debits, credits = s.credits - r.credits
      FROM (${sums("removed_entries")}) AS r (account_id, org_id, currency_code, day, kind, product_id, debits, credits)
      WHERE s.account_id = r.account_id AND s.day = r.day AND s.kind = r.kind AND s.product_id = r.product_id;
      RETURN NULL; END $$;`);
    this.addSql(`DROP TRIGGER IF EXISTS ledger_entry_day_sum_add ON "ledger_entry";`);
    this.addSql(`CREATE TRIGGER ledger_entry_day_sum_add AFTER INSERT ON "ledger_entry" REFERENCING NEW TABLE AS added_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_day_sum_add();`);
    this.addSql(`DROP TRIGGER IF EXISTS ledger_entry_day_sum_remove ON "ledger_entry";`);
    this.addSql(`CREATE TRIGGER ledger_entry_day_sum_remove AFTER DELETE ON "ledger_entry" REFERENCING OLD TABLE AS removed_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_day_sum_remove();`);
    // What is already posted.
    this.addSql(`INSERT INTO ledger_day_sum (account_id, org_id, currency_code, day, kind, product_id, debits, credits)
      ${sums("ledger_entry")}
      ON CONFLICT (account_id, day, kind, product_id) DO NOTHING;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS ledger_entry_day_sum_add ON "ledger_entry";`);
    this.addSql(`DROP TRIGGER IF EXISTS ledger_entry_day_sum_remove ON "ledger_entry";`);
    this.addSql(`DROP FUNCTION IF EXISTS ledger_day_sum_add();`);
    this.addSql(`DROP FUNCTION IF EXISTS ledger_day_sum_remove();`);
    this.addSql(`drop table if exists "ledger_day_sum" cascade;`);
  }

}
