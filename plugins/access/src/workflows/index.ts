export * from "./access-plans"
export * from "./grant-entitlements-for-order"
export * from "./grant-entitlement"
export * from "./revoke-entitlements"
