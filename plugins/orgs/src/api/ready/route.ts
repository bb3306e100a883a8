import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { dependencyState, isReady } from "../utils/dependencies"

/**
 * GET /ready: readiness for load balancers and orchestrators, beside Medusa's liveness
 * `/health` (which answers 200 as long as the process serves HTTP). 200 when PostgreSQL and
 * (in Redis mode) Redis answer, else 503 naming what is down. No authentication, no data.
 */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  // The probe's error text (hosts, ports) stays out of a public answer.
  const { error: _error, ...state } = await dependencyState()
  res.setHeader("Cache-Control", "no-store")
  res.status(isReady(state) ? 200 : 503).json({ status: isReady(state) ? "ready" : "unavailable", ...state })
}

export const AUTHENTICATE = false
