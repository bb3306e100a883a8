import { AuthenticatedMedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

// The key's org, as @volmify/orgs decides it (404 without org, 403 suspended).
import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/**
 * GET /store/customers/me/entitlements: the logged-in customer's live entitlements for
 * products of the key's org (what they can open), with the tier per product.
 */
export async function GET(req: AuthenticatedMedusaRequest & MedusaStoreRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { id } = await resolveStoreOrg(req)
  const {
    data: [org],
  } = await query.graph({ entity: "org", fields: ["id", "products.id"], filters: { id } })
  const productIds = (org.products ?? []).filter(Boolean).map((p: { id: string }) => p.id)
  const now = new Date()
  const { data: entitlements } = productIds.length
    ? await query.graph({
        entity: "entitlement",
        fields: ["id", "product_id", "tier", "source_type", "starts_at", "expires_at", "status", "product.title", "product.handle"],
        filters: {
          customer_id: req.auth_context.actor_id,
          product_id: productIds,
          status: "active",
          starts_at: { $lte: now },
          $or: [{ expires_at: null }, { expires_at: { $gt: now } }],
        },
      })
    : { data: [] }
  res.json({ entitlements })
}
