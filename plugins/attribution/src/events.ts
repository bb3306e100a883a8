/** Events emitted by @volmify/attribution. Payloads carry ids only. */
export const AttributionEvents = {
  RULE_CREATED: "attribution.rule.created",
  RULE_UPDATED: "attribution.rule.updated",
  RULE_REMOVED: "attribution.rule.removed",
  RULES_ENDED: "attribution.rules.ended",
  /**
   * A payment provider's actual processing fee for an order, known after its capture was
   * posted: `{ order_id, processing_fee: { amount, currency_code, provider?, reference? } }`
   * (amount a major-unit decimal in the order's currency). Emitted by whatever learns the
   * fee (a provider webhook, an import); this plugin adjusts the posting once.
   */
  PROCESSING_FEE_REPORTED: "attribution.processing_fee.reported",
} as const

/** Medusa and @volmify/orgs events the subscribers listen to. */
export const ListenedEvents = {
  PAYMENT_CAPTURED: "payment.captured",
  PAYMENT_REFUNDED: "payment.refunded",
  ORDER_CANCELED: "order.canceled",
  EMPLOYEE_REMOVED: "org.employee.removed",
} as const
