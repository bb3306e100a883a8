import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122060739 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "org_member" drop constraint if exists "org_member_org_id_customer_id_unique";`);
    this.addSql(`alter table if exists "org_invitation" drop constraint if exists "org_invitation_token_hash_unique";`);
    this.addSql(`alter table if exists "org_employee" drop constraint if exists "org_employee_org_id_user_id_unique";`);
    this.addSql(`alter table if exists "org_domain" drop constraint if exists "org_domain_hostname_unique";`);
    this.addSql(`create table if not exists "org_domain" ("id" text not null, "hostname" text not null, "is_primary" boolean not null default false, "verified_at" timestamptz null, "org_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "org_domain_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_domain_org_id" ON "org_domain" ("org_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_domain_deleted_at" ON "org_domain" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_domain_hostname_unique" ON "org_domain" ("hostname") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "org_employee" ("id" text not null, "user_id" text not null, "role" text check ("role" in ('owner', 'admin', 'manager', 'creator', 'staff')) not null, "status" text check ("status" in ('active', 'inactive')) not null default 'active', "display_name" text null, "title" text null, "bio" text null, "org_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "org_employee_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_employee_org_id" ON "org_employee" ("org_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_employee_deleted_at" ON "org_employee" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_employee_org_id_user_id_unique" ON "org_employee" ("org_id", "user_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_employee_user_id" ON "org_employee" ("user_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "org_invitation" ("id" text not null, "email" text not null, "role" text check ("role" in ('owner', 'admin', 'manager', 'creator', 'staff')) not null, "token_hash" text not null, "expires_at" timestamptz not null, "status" text check ("status" in ('pending', 'accepted', 'declined', 'expired', 'cancelled')) not null default 'pending', "invited_by" text not null, "approved_by" text null, "approved_at" timestamptz null, "accepted_by" text null, "accepted_at" timestamptz null, "org_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "org_invitation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_invitation_org_id" ON "org_invitation" ("org_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_invitation_deleted_at" ON "org_invitation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_invitation_token_hash_unique" ON "org_invitation" ("token_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_invitation_org_id_email" ON "org_invitation" ("org_id", "email") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "org_member" ("id" text not null, "customer_id" text not null, "type" text check ("type" in ('learner', 'customer', 'community')) not null default 'learner', "joined_at" timestamptz not null, "org_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "org_member_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_member_org_id" ON "org_member" ("org_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_member_deleted_at" ON "org_member" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_org_member_org_id_customer_id_unique" ON "org_member" ("org_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_org_member_customer_id" ON "org_member" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "org_domain" add constraint "org_domain_org_id_foreign" foreign key ("org_id") references "org" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "org_employee" add constraint "org_employee_org_id_foreign" foreign key ("org_id") references "org" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "org_invitation" add constraint "org_invitation_org_id_foreign" foreign key ("org_id") references "org" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "org_member" add constraint "org_member_org_id_foreign" foreign key ("org_id") references "org" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "org" add column if not exists "support_email" text null, add column if not exists "branding" jsonb null, add column if not exists "settings" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "org_domain" cascade;`);

    this.addSql(`drop table if exists "org_employee" cascade;`);

    this.addSql(`drop table if exists "org_invitation" cascade;`);

    this.addSql(`drop table if exists "org_member" cascade;`);

    this.addSql(`alter table if exists "org" drop column if exists "support_email", drop column if exists "branding", drop column if exists "settings";`);
  }

}
