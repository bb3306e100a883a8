import type { InferTypeOf } from "@medusajs/framework/types"
import type { Affiliate } from "../modules/affiliates/models/affiliate"
import type { AffiliateClick } from "../modules/affiliates/models/affiliate-click"
import type { AffiliateCommission } from "../modules/affiliates/models/affiliate-commission"
import type { AffiliateCoupon } from "../modules/affiliates/models/affiliate-coupon"
import type { AffiliateProductRate } from "../modules/affiliates/models/affiliate-product-rate"
import type { AffiliateProgram } from "../modules/affiliates/models/affiliate-program"
import type { AffiliateReferral } from "../modules/affiliates/models/affiliate-referral"

/** The module's rows, as its generated service methods return them. */
export type AffiliateProgramRecord = InferTypeOf<typeof AffiliateProgram>
export type AffiliateRecord = InferTypeOf<typeof Affiliate>
export type AffiliateProductRateRecord = InferTypeOf<typeof AffiliateProductRate>
export type AffiliateClickRecord = InferTypeOf<typeof AffiliateClick>
export type AffiliateReferralRecord = InferTypeOf<typeof AffiliateReferral>
export type AffiliateCouponRecord = InferTypeOf<typeof AffiliateCoupon>
export type AffiliateCommissionRecord = InferTypeOf<typeof AffiliateCommission>

/** Each model (by the name the record steps take) and its row. */
export type AffiliateRecords = {
  program: AffiliateProgramRecord
  affiliate: AffiliateRecord
  product_rate: AffiliateProductRateRecord
  click: AffiliateClickRecord
  referral: AffiliateReferralRecord
  coupon: AffiliateCouponRecord
  commission: AffiliateCommissionRecord
}
