// The rows of this plugin's own models as the generated service methods return them, what
// their create/update methods accept, and the shapes of the rows it reads with query.graph
// (whose results are untyped: no generated entry points in a plugin build).
import type { AccountHolderDTO, BigNumberInput, CustomerDTO, InferTypeOf } from "@medusajs/framework/types"
import type { AccessPlan } from "../modules/access/models/access-plan"
import type { Entitlement } from "../modules/access/models/entitlement"
import type { Subscription } from "../modules/access/models/subscription"
import type { SubscriptionRenewal } from "../modules/access/models/subscription-renewal"

export type AccessPlanRecord = InferTypeOf<typeof AccessPlan>
export type EntitlementRecord = InferTypeOf<typeof Entitlement>
export type SubscriptionRecord = InferTypeOf<typeof Subscription>
export type SubscriptionRenewalRecord = InferTypeOf<typeof SubscriptionRenewal>

type Managed = "created_at" | "updated_at" | "deleted_at"
/** Fields the generated create/update methods accept (any subset); an update names its `id`. */
export type AccessPlanFields = Partial<Omit<AccessPlanRecord, Managed>>
export type EntitlementFields = Partial<Omit<EntitlementRecord, Managed>>
export type SubscriptionFields = Partial<Omit<SubscriptionRecord, Managed>>
export type SubscriptionRenewalFields = Partial<Omit<SubscriptionRenewalRecord, Managed>>

export type SubscriptionStatus = SubscriptionRecord["status"]
export type BillingInterval = SubscriptionRecord["interval"]

/** A payment as the order graphs select it (only the fields asked for are present). */
export type PaymentRow = {
  id: string
  provider_id?: string
  amount?: BigNumberInput | null
  data?: Record<string, unknown> | null
  captured_at?: Date | string | null
  canceled_at?: Date | string | null
  captures?: ({ id: string; amount?: BigNumberInput | null; created_by?: string | null; created_at?: Date | string | null } | null)[] | null
  refunds?: ({ amount?: BigNumberInput | null } | null)[] | null
}
export type PaymentCollectionRow = { status?: string | null; payments?: (PaymentRow | null)[] | null }
export type OrderItemRow = {
  id: string
  variant_id?: string | null
  product_id?: string | null
  requires_shipping?: boolean | null
  total?: BigNumberInput | null
  tax_total?: BigNumberInput | null
}
/** An order as the graphs of this plugin select it (a subset of these fields each time). */
export type OrderRow = {
  id: string
  display_id?: number | null
  created_at?: Date | string
  status?: string
  customer_id?: string | null
  email?: string | null
  region_id?: string | null
  currency_code?: string
  sales_channel_id?: string | null
  metadata?: Record<string, unknown> | null
  total?: BigNumberInput | null
  items?: (OrderItemRow | null)[] | null
  payment_collections?: (PaymentCollectionRow | null)[] | null
  /** Medusa's order transactions (a capture's has reference "capture" and the capture's id). */
  transactions?: ({ reference?: string | null; reference_id?: string | null } | null)[] | null
  region?: { payment_providers?: ({ id: string } | null)[] | null } | null
}

/** A variant with its price in a region and currency (`calculated_price` under a QueryContext). */
export type PricedVariantRow = {
  id: string
  title?: string | null
  calculated_price?: { calculated_amount?: BigNumberInput | null } | null
  product?: { title?: string | null } | null
}

/** A customer with its payment account holders (`account_holders.*`: every field of each). */
export type CustomerWithHoldersRow = Pick<CustomerDTO, "id" | "email"> & { account_holders?: (AccountHolderDTO | null)[] | null }
