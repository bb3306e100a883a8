import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { openApiDocument } from "../../../../openapi/document"

/**
 * GET /store/volmify/openapi.json: the OpenAPI 3.1 document of the store routes the Volmify
 * plugins add (and their public links). Like every /store route it needs a publishable key.
 */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  res.setHeader("cache-control", "public, max-age=300")
  res.json(openApiDocument("store"))
}
