import { MedusaStoreRequest, MedusaResponse } from "@medusajs/framework/http"
import { presentStoreOrg, resolveStoreOrg } from "../../utils/store-org"

/** GET /store/org: the org behind the request's publishable key, with its branding. */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  res.json({ org: presentStoreOrg(await resolveStoreOrg(req)) })
}
