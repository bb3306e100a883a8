/** Events emitted by @volmify/access. Payloads carry ids only. */
export const AccessEvents = {
  ENTITLEMENTS_GRANTED: "entitlement.granted",
  ENTITLEMENTS_REVOKED: "entitlement.revoked",
  ENTITLEMENTS_EXPIRED: "entitlement.expired",
  /** A guest's entitlements moved to the account with the same proven email. */
  ENTITLEMENTS_CLAIMED: "entitlement.claimed",
  ACCESS_PLAN_SET: "access_plan.set",
  SUBSCRIPTIONS_STARTED: "subscription.started",
  SUBSCRIPTION_RENEWED: "subscription.renewed",
  SUBSCRIPTION_PAYMENT_FAILED: "subscription.payment_failed",
  SUBSCRIPTION_CANCELED: "subscription.canceled",
  SUBSCRIPTION_COMPLETED: "subscription.completed",
  /** Set to cancel at period end, or resumed: `{ id, cancel_at_period_end, requested_at }`. */
  SUBSCRIPTION_UPDATED: "subscription.updated",
  ACCESS_PLAN_REMOVED: "access_plan.removed",
  /**
   * The sweep repaired an order whose order.placed effects were missing (`{ id, repaired }`,
   * `id` the order's, as in order.placed): other plugins' order.placed work listens to it too.
   */
  ORDER_SWEPT: "access.order.swept",
} as const
