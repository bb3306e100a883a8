import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decideOrderClaim, GuestOrderFacts } from "../../rules/guest-claim"

export type PlanGuestClaimInput = {
  /** The logged-in account that claims. */
  customer_id: string
  /** The org of the storefront (its sales channel bounds what may move). */
  org_id: string
  /** Order-token proof: only this order. Null with a claim link: every guest order of the email in the org. */
  order_id: string | null
}

export type GuestClaimPlan = {
  to_move: { id: string; customer_id: string }[]
  ids: string[]
  product_ids: string[]
  order_ids: string[]
  from_customer_ids: string[]
  /** Entitlements of the proven orders this account already holds (an earlier claim). */
  already_yours: number
  account: { id: string; email: string; metadata: Record<string, unknown> | null }
}

const fail = (status: 403 | 404, message: string) =>
  new MedusaError(status === 404 ? MedusaError.Types.NOT_FOUND : MedusaError.Types.FORBIDDEN, message)

type ClaimContext = {
  account: { id: string; email: string; metadata: Record<string, unknown> | null }
  email: string
  org: { id: string; sales_channel_id: string }
  guestIds: Set<string>
  /** With an order-token proof: that order, already checked. */
  order: GuestOrderFacts | null
}

type AccountRow = { id: string; email: string | null; has_account: boolean; metadata: Record<string, unknown> | null }
type OrgRow = { id: string; sales_channel_id: string }
/** An entitlement of the proven orders (read by `order_id`, so never null here). */
type ClaimedEntitlementRow = { id: string; customer_id: string; product_id: string; status: string; order_id: string }

/** The account, the org, the email's guest records and (order-token proof) the checked order. */
async function loadClaimContext(container: MedusaContainer, input: PlanGuestClaimInput): Promise<ClaimContext> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: [account] }, { data: [org] }]: [{ data: (AccountRow | undefined)[] }, { data: (OrgRow | undefined)[] }] = await Promise.all([
    query.graph({ entity: "customer", fields: ["id", "email", "has_account", "metadata"], filters: { id: input.customer_id } }),
    query.graph({ entity: "org", fields: ["id", "sales_channel_id"], filters: { id: input.org_id } }),
  ])
  if (!account?.has_account || !account.email) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Log in to an account to claim purchases")
  }
  if (!org) throw fail(404, `Org with id: ${input.org_id} was not found`)
  const email = String(account.email).toLowerCase()
  const { data: guests }: { data: { id: string }[] } = await query.graph({
    entity: "customer",
    fields: ["id"],
    filters: { email: [...new Set([email, account.email])], has_account: false },
  })
  const guestIds = new Set<string>(guests.map((g) => g.id))
  let order: GuestOrderFacts | null = null
  if (input.order_id) {
    const { data }: { data: (GuestOrderFacts | undefined)[] } = await query.graph({
      entity: "order",
      fields: ["id", "email", "sales_channel_id", "customer_id"],
      filters: { id: input.order_id },
    })
    const decision = decideOrderClaim(data[0] ?? { id: input.order_id, email: null, sales_channel_id: null, customer_id: null }, { id: account.id, email: account.email }, org, guestIds)
    if (!decision.allowed) throw fail(decision.status, decision.message)
    order = data[0] ?? null // allowed, so found
  }
  return { account: { id: account.id, email: account.email, metadata: account.metadata ?? null }, email, org, guestIds, order }
}

/**
 * Reads only: refuses an order-token claim that may not go ahead (another org's order: 404;
 * another email: 403) before anything runs for that order.
 */
export const checkGuestClaimStep = createStep("check-guest-claim", async (input: PlanGuestClaimInput, { container }) => {
  await loadClaimContext(container, input)
  return new StepResponse(true)
})

/**
 * Reads only: which entitlements move from the email's guest customer records to the
 * account. Only order-granted entitlements of orders in the org's sales channel, placed
 * with the account's email, held by a guest record (has_account false) of that email.
 */
export const planGuestClaimStep = createStep(
  "plan-guest-claim",
  async (input: PlanGuestClaimInput, { container }): Promise<StepResponse<GuestClaimPlan>> => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { account, email, org, guestIds, order } = await loadClaimContext(container, input)
    let orders: GuestOrderFacts[]
    if (order) {
      orders = [order]
    } else {
      const { data }: { data: GuestOrderFacts[] } = guestIds.size
        ? await query.graph({
            entity: "order",
            fields: ["id", "email", "sales_channel_id", "customer_id"],
            filters: { customer_id: [...guestIds], sales_channel_id: org.sales_channel_id },
          })
        : { data: [] }
      orders = data.filter((o) => String(o.email ?? "").toLowerCase() === email)
    }
    const orderIds = orders.map((o) => o.id)
    const { data: entitlements }: { data: ClaimedEntitlementRow[] } = orderIds.length
      ? await query.graph({
          entity: "entitlement",
          fields: ["id", "customer_id", "product_id", "status", "order_id"],
          filters: { order_id: orderIds },
        })
      : { data: [] }
    const moving = entitlements.filter((e) => guestIds.has(e.customer_id))
    return new StepResponse({
      to_move: moving.map((e) => ({ id: e.id, customer_id: account.id })),
      ids: moving.map((e) => e.id),
      product_ids: [...new Set<string>(moving.filter((e) => e.status === "active").map((e) => e.product_id))],
      order_ids: [...new Set<string>(moving.map((e) => e.order_id))],
      from_customer_ids: [...new Set<string>(moving.map((e) => e.customer_id))],
      already_yours: entitlements.filter((e) => e.customer_id === account.id).length,
      account,
    })
  }
)
