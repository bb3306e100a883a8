/** Events emitted by @volmify/affiliates. Payloads carry ids only. */
export const AffiliateEvents = {
  AFFILIATE_CREATED: "affiliate.created",
  AFFILIATE_STATUS_CHANGED: "affiliate.status_changed",
  CLICK_RECORDED: "affiliate.click.recorded",
  COMMISSIONS_CREATED: "affiliate.commissions.created",
  COMMISSIONS_APPROVED: "affiliate.commissions.approved",
  COMMISSIONS_CLAWED_BACK: "affiliate.commissions.clawed_back",
  PAYOUT_RECORDED: "affiliate.payout.recorded",
} as const

/** Medusa events the subscribers listen to. */
export const ListenedEvents = {
  ORDER_PLACED: "order.placed",
  PAYMENT_REFUNDED: "payment.refunded",
  ORDER_CANCELED: "order.canceled",
  /** @volmify/access's sweep repaired an order whose order.placed was lost (`{ id }`, read by name). */
  ORDER_SWEPT: "access.order.swept",
} as const
