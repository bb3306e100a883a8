import { MedusaStoreRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveStoreOrg } from "../../utils/store-org"

/** GET /store/org: the org behind the request's publishable key. */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  res.json({ org })
}
