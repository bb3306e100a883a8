import {
  defineMiddlewares,
  MedusaRequest,
  MedusaNextFunction,
  MedusaResponse,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { adminScopeMiddlewares } from "./admin-scope"
import { ORG_MODULE } from "../modules/org"
import type OrgModuleService from "../modules/org/service"

export const AdminListOrgsQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListOrgsQuery = z.infer<typeof AdminListOrgsQuerySchema>

/** Deny by default: only platform operators pass. Org staff access comes with org roles. */
async function requirePlatformOperator(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  const orgs = req.scope.resolve<OrgModuleService>(ORG_MODULE)
  const { auth_context } = req as MedusaRequest & { auth_context?: { actor_id: string } }
  await orgs.assertPlatformOperator(auth_context?.actor_id ?? "")
  next()
}

export default defineMiddlewares({
  routes: [
    // Core /admin routes for org staff: allowlist, org filters, ownership checks.
    ...adminScopeMiddlewares,
    // Every /admin/orgs route: platform operators only (until org roles exist).
    {
      matcher: "/admin/orgs*",
      middlewares: [requirePlatformOperator],
    },
    // GET /admin/orgs: list with search and paging.
    {
      matcher: "/admin/orgs",
      method: "GET",
      middlewares: [validateAndTransformQuery(AdminListOrgsQuerySchema, {})],
    },
  ],
})
