/**
 * `@volmify/orgs/tenancy`: how other plugins scope their routes to an org.
 *
 * Admin: attach `requireOrgScope(roles)` to each of your admin routes and wrap your
 * `defineMiddlewares(...)` in `claimOrgScopedRoutes(...)` (that claims the routes for org
 * staff; unclaimed admin routes stay platform-operator only), then check
 * the ids the route is given with `assertProductInScope` / `assertCustomerInScope`.
 * Store: `resolveStoreOrg(req)` is the org of the request's publishable key.
 */
export {
  EMPLOYEE_ROLES,
  STAFF_ROLES,
  CATALOG_ROLES,
  COMMERCE_ROLES,
  ORG_ADMIN_ROLES,
  INVITER_ROLES,
  rolesFor,
  decide,
  type EmployeeRole,
  type Action,
} from "../rules/roles"
export {
  requireOrgScope,
  claimOrgScopedRoutes,
  ORG_SCOPE_CLAIM,
  type OrgScopedRequest,
  type OrgScopeMiddleware,
} from "../api/admin-scope/require-org-scope"
export { registerAttributedProducts, type AttributedProducts } from "../api/admin-scope/catalog-grants"
export {
  adminOrgScope,
  assertProductInScope,
  assertCustomerInScope,
  orgProductIds,
  actorId,
} from "../api/utils/admin-tenancy"
export { resolveAdminActor, ORG_HEADER, type AdminActor, type OrgScope } from "../api/utils/admin-actor"
export { resolveStoreOrg, findStoreOrg } from "../api/utils/store-org"
export { GUEST_ORDER_TOKEN_HEADER, verifyGuestOrderToken } from "../rules/guest-order-token"
export { guestOrderTokenKey } from "../api/store-scope/guard"
/** Link definitions: what an org owns (for `query.graph` over `org.products`, a link's entry point, ...). */
export { default as OrgProductLink } from "../links/org-product"
export { default as OrgPromotionLink } from "../links/org-promotion"
