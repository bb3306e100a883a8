import { MedusaService } from "@medusajs/framework/utils"
import { Affiliate } from "./models/affiliate"
import { AffiliateClick } from "./models/affiliate-click"
import { AffiliateCommission } from "./models/affiliate-commission"
import { AffiliateCoupon } from "./models/affiliate-coupon"
import { AffiliateProductRate } from "./models/affiliate-product-rate"
import { AffiliateProgram } from "./models/affiliate-program"
import { AffiliateReferral } from "./models/affiliate-referral"

export default class AffiliatesModuleService extends MedusaService({
  AffiliateProgram,
  Affiliate,
  AffiliateProductRate,
  AffiliateClick,
  AffiliateReferral,
  AffiliateCoupon,
  AffiliateCommission,
}) {}
