import { model } from "@medusajs/framework/utils"

/**
 * One commission per order line (unique `line_item_id`: replays of order.placed create
 * nothing new). Amounts are major units. `amount` is what the affiliate is owed now
 * (after clawbacks in the hold period); `original_amount` what the order earned;
 * `clawed_back_amount` what refunds took back (before or after approval).
 * pending -> approved (job, after `hold_until`, unless `needs_review`) -> paid (payout);
 * voided: self-referral, fully refunded in the hold, or rejected by staff.
 */
export const AffiliateCommission = model
  .define("affiliate_commission", {
    id: model.id({ prefix: "affcom" }).primaryKey(),
    org_id: model.text(),
    affiliate_id: model.text(),
    order_id: model.text(),
    line_item_id: model.text(),
    product_id: model.text().nullable(),
    currency_code: model.text(),
    source: model.enum(["click", "coupon"]),
    click_id: model.text().nullable(),
    promotion_id: model.text().nullable(),
    base_amount: model.bigNumber(),
    rate_source: model.text().nullable(),
    rate_type: model.text().nullable(),
    rate_bps: model.number().nullable(),
    original_amount: model.bigNumber(),
    amount: model.bigNumber(),
    clawed_back_amount: model.bigNumber().default(0),
    status: model.enum(["pending", "approved", "paid", "voided"]).default("pending"),
    flags: model.json<string[]>().nullable(),
    needs_review: model.boolean().default(false),
    ordered_at: model.dateTime(),
    hold_until: model.dateTime(),
    approved_at: model.dateTime().nullable(),
    paid_at: model.dateTime().nullable(),
    payout_reference: model.text().nullable(),
    ledger_transaction_id: model.text().nullable(),
  })
  .indexes([
    { on: ["line_item_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["org_id", "status"] },
    { on: ["affiliate_id", "status"] },
    { on: ["order_id"] },
  ])
