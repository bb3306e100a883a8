import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { claimOrgScopedRoutes, requireOrgScope } from "@volmify/orgs/tenancy"
import { READ_ROLES, WRITE_ROLES } from "./utils/scope"
import {
  AdminCreatePageSchema,
  AdminListPagesQuerySchema,
  AdminListPageVersionsQuerySchema,
  AdminMissingPageTranslationsQuerySchema,
  AdminPageTranslationsQuerySchema,
  AdminPublishPageSchema,
  AdminRestorePageVersionSchema,
  AdminSetPageTranslationsSchema,
  AdminUpdatePageSchema,
  EmptyQuerySchema,
} from "./validators"

// Reads for every staff role; writes (create, edit, publish, restore, delete) for commerce
// roles (owner, admin, manager). The routes then check the page is the staff's org's (404).
// Saves, publish and restore take `base_version` (the newest version the editor loaded):
// another save since then is a 409 naming the change, with nothing written.
const read = requireOrgScope(READ_ROLES)
const write = requireOrgScope(WRITE_ROLES)
// Bodies carrying blocks may exceed express's 100 kB default: up to LIMITS.bytes (256 kB) of
// blocks is a page, and a page over it must reach parseBlocks to get a 400 naming the
// largest block (not a bare 413). Bodies over 512 kB are refused by the parser (413).
const blocksBody = { sizeLimit: "512kb" }

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    // Store: the key's org's published pages (never drafts); a page's texts in the
    // `x-volmify-locale` header's locale when the org enabled it.
    { matcher: "/store/pages", methods: ["GET"], middlewares: [validateAndTransformQuery(EmptyQuerySchema, {})] },
    { matcher: "/store/pages/:slug", methods: ["GET"], middlewares: [validateAndTransformQuery(EmptyQuerySchema, {})] },
    { matcher: "/store/home-page", methods: ["GET"], middlewares: [validateAndTransformQuery(EmptyQuerySchema, {})] },
    // Admin: pages and their drafts.
    { matcher: "/admin/pages", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminListPagesQuerySchema, {})] },
    { matcher: "/admin/pages", methods: ["POST"], bodyParser: blocksBody, middlewares: [write, validateAndTransformBody(AdminCreatePageSchema)] },
    { matcher: "/admin/pages/:id", methods: ["GET"], middlewares: [read, validateAndTransformQuery(EmptyQuerySchema, {})] },
    { matcher: "/admin/pages/:id", methods: ["POST"], bodyParser: blocksBody, middlewares: [write, validateAndTransformBody(AdminUpdatePageSchema)] },
    { matcher: "/admin/pages/:id", methods: ["DELETE"], middlewares: [write] },
    // Admin: publishing and history.
    { matcher: "/admin/pages/:id/publish", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminPublishPageSchema)] },
    { matcher: "/admin/pages/:id/unpublish", methods: ["POST"], middlewares: [write] },
    { matcher: "/admin/pages/:id/versions", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminListPageVersionsQuerySchema, {})] },
    { matcher: "/admin/pages/:id/versions/:version_id/restore", methods: ["POST"], middlewares: [write, validateAndTransformBody(AdminRestorePageVersionSchema)] },
    // Admin: the page's texts in the org's other locales (issue 26): list, set/remove, what is missing.
    { matcher: "/admin/pages/:id/translations", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminPageTranslationsQuerySchema, {})] },
    { matcher: "/admin/pages/:id/translations", methods: ["POST"], bodyParser: blocksBody, middlewares: [write, validateAndTransformBody(AdminSetPageTranslationsSchema)] },
    { matcher: "/admin/pages/:id/translations/missing", methods: ["GET"], middlewares: [read, validateAndTransformQuery(AdminMissingPageTranslationsQuerySchema, {})] },
  ],
}))
