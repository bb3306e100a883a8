import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { joinOrgWorkflow } from "../../workflows/join-org"
import { findStoreOrg } from "./store-org"

/**
 * Every /store request: a publishable key of a suspended org stops working (403), on core
 * routes as on ours. Keys whose channel has no org pass untouched.
 */
export async function blockSuspendedOrgKeys(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const org = await findStoreOrg(req)
  if (org && org.status !== "active") {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `The org "${org.handle}" is suspended; its storefront is unavailable`
    )
  }
  next()
}

/**
 * POST /store/customers: a customer registering on an org's storefront becomes its
 * member. Medusa's registration workflow offers no hook carrying the storefront, so the
 * join runs as the response is written; a failure is logged and the registration stands
 * (the join is idempotent and also happens on purchase or POST /store/org/membership).
 */
export async function joinOrgOnRegistration(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const org = await findStoreOrg(req)
  if (!org) {
    return next()
  }
  const send = res.json.bind(res)
  res.json = ((body: { customer?: { id?: string } } | undefined) => {
    const customerId = body?.customer?.id
    if (res.statusCode >= 300 || !customerId) {
      return send(body)
    }
    joinOrgWorkflow(req.scope)
      .run({ input: { org_id: org.id, customer_id: customerId, type: "learner" } })
      .catch((error) =>
        req.scope.resolve("logger").warn(`Could not add customer ${customerId} to org ${org.handle}: ${error.message}`)
      )
      .finally(() => send(body))
    return res
  }) as typeof res.json
  next()
}
