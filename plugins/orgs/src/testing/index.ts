/**
 * `@volmify/orgs/testing`: internals the test suites of this repo read (the admin
 * allowlist, token hashing, the DNS resolver key tests swap). Not a stable API.
 */
export { ALLOWLIST } from "../api/admin-scope/allowlist"
export type { Rule } from "../api/admin-scope/types"
export { hashInvitationToken } from "../rules/invitation-token"
export { DOMAIN_TXT_RESOLVER } from "../workflows/steps/domain-dns"
export { isClaimedAdminRoute, claimedAdminRoutes } from "../api/admin-scope/require-org-scope"
