/** Events emitted by @volmify/attribution. Payloads carry ids only. */
export const AttributionEvents = {
  RULE_CREATED: "attribution.rule.created",
  RULE_UPDATED: "attribution.rule.updated",
  RULE_REMOVED: "attribution.rule.removed",
  RULES_ENDED: "attribution.rules.ended",
} as const

/** Medusa and @volmify/orgs events the subscribers listen to. */
export const ListenedEvents = {
  PAYMENT_CAPTURED: "payment.captured",
  PAYMENT_REFUNDED: "payment.refunded",
  ORDER_CANCELED: "order.canceled",
  EMPLOYEE_REMOVED: "org.employee.removed",
} as const
