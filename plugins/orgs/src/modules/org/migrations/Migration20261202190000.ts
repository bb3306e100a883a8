import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Domain verification by DNS: a per-claim token, and hostnames unique among verified
 * claims only (an unverified claim no longer blocks the hostname's real owner).
 */
export class Migration20261202190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "org_domain" add column if not exists "verification_token" text null;`)
    this.addSql(`drop index if exists "IDX_org_domain_hostname_unique";`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_domain_hostname_unique" ON "org_domain" ("hostname") WHERE deleted_at IS NULL AND verified_at IS NOT NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_domain_org_id_hostname_unique" ON "org_domain" ("org_id", "hostname") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_org_domain_org_id_hostname_unique";`)
    this.addSql(`drop index if exists "IDX_org_domain_hostname_unique";`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_domain_hostname_unique" ON "org_domain" ("hostname") WHERE deleted_at IS NULL;`)
    this.addSql(`alter table if exists "org_domain" drop column if exists "verification_token";`)
  }
}
