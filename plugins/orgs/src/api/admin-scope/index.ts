import type { MiddlewareRoute } from "@medusajs/framework/http"

/**
 * Org-scoped admin: what a Medusa admin user who is staff of an org (and not a platform
 * operator) may do on core /admin routes. See the plugin README, "Org-scoped admin".
 */
export const adminScopeMiddlewares: MiddlewareRoute[] = []
