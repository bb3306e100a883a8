/** Events emitted by @volmify/orgs. Payloads carry ids only. */
export const OrgEvents = {
  ORG_CREATED: "org.created",
  ORG_UPDATED: "org.updated",
  ORG_SUSPENDED: "org.suspended",
  ORG_REACTIVATED: "org.reactivated",
  INVITATION_CREATED: "org.invitation.created",
  INVITATION_APPROVED: "org.invitation.approved",
  INVITATION_ACCEPTED: "org.invitation.accepted",
  INVITATION_DECLINED: "org.invitation.declined",
  INVITATION_CANCELLED: "org.invitation.cancelled",
  EMPLOYEE_ADDED: "org.employee.added",
  EMPLOYEE_ROLE_CHANGED: "org.employee.role_changed",
  EMPLOYEE_REMOVED: "org.employee.removed",
  MEMBER_JOINED: "org.member.joined",
} as const
