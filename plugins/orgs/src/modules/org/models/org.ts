import { model } from "@medusajs/framework/utils"
import { OrgDomain } from "./org-domain"
import { OrgEmployee } from "./org-employee"
import { OrgInvitation } from "./org-invitation"
import { OrgMember } from "./org-member"

export const ORG_STATUSES = ["active", "suspended"] as const

/**
 * A tenant. It owns exactly one Medusa sales channel, created with it.
 * `branding` and `settings` are JSON shaped by `OrgBranding` / `OrgSettings` (types/),
 * validated at the API edge.
 */
export const Org = model
  .define("org", {
    id: model.id({ prefix: "org" }).primaryKey(),
    handle: model.text().searchable(),
    name: model.text().searchable(),
    status: model.enum([...ORG_STATUSES]).default("active"),
    sales_channel_id: model.text(),
    support_email: model.text().nullable(),
    branding: model.json().nullable(),
    settings: model.json().nullable(),
    domains: model.hasMany(() => OrgDomain, { mappedBy: "org" }),
    employees: model.hasMany(() => OrgEmployee, { mappedBy: "org" }),
    invitations: model.hasMany(() => OrgInvitation, { mappedBy: "org" }),
    members: model.hasMany(() => OrgMember, { mappedBy: "org" }),
  })
  .cascades({ delete: ["domains", "employees", "invitations", "members"] })
  .indexes([
    { on: ["handle"], unique: true, where: "deleted_at IS NULL" },
    { on: ["sales_channel_id"], unique: true, where: "deleted_at IS NULL" },
  ])
