/** The tenancy checks of @volmify/orgs that this plugin's admin routes use. */
export {
  CATALOG_ROLES,
  COMMERCE_ROLES,
  STAFF_ROLES,
  requireOrgScope,
  adminOrgScope,
  assertProductInScope,
  assertCustomerInScope,
  orgProductIds,
  actorId,
  resolveAdminActor,
} from "@volmify/orgs/tenancy"
