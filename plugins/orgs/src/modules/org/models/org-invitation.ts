import { model } from "@medusajs/framework/utils"
import { Org } from "./org"
import { EMPLOYEE_ROLES } from "./org-employee"

export const INVITATION_STATUSES = [
  "pending",
  "accepted",
  "declined",
  "expired",
  "cancelled",
] as const

/**
 * An invitation to join an org's staff. Only the SHA-256 of the token is stored; the
 * token itself is shown once, to the inviter. `approved_at` is null while an invitation
 * by a non-admin waits for an owner/admin.
 */
export const OrgInvitation = model
  .define("org_invitation", {
    id: model.id({ prefix: "oinv" }).primaryKey(),
    email: model.text(),
    role: model.enum([...EMPLOYEE_ROLES]),
    token_hash: model.text(),
    expires_at: model.dateTime(),
    status: model.enum([...INVITATION_STATUSES]).default("pending"),
    invited_by: model.text(),
    approved_by: model.text().nullable(),
    approved_at: model.dateTime().nullable(),
    accepted_by: model.text().nullable(),
    accepted_at: model.dateTime().nullable(),
    org: model.belongsTo(() => Org, { mappedBy: "invitations" }),
  })
  .indexes([
    { on: ["token_hash"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id", "email"], where: "deleted_at IS NULL" },
  ])
