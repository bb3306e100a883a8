import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { adminOrgScope, COMMERCE_ROLES, STAFF_ROLES, type EmployeeRole } from "@volmify/orgs/tenancy"
import { PAGES_MODULE } from "../../modules/pages"
import type PagesModuleService from "../../modules/pages/service"
import { courseIdsOf, describeProblem, type Block, type BlockProblem } from "../../rules/blocks"

/** Who sees the org's pages in the admin: every staff role. */
export const READ_ROLES: readonly EmployeeRole[] = STAFF_ROLES
/** Who creates, edits, publishes and deletes pages: marketing is commerce (owner, admin, manager). */
export const WRITE_ROLES: readonly EmployeeRole[] = COMMERCE_ROLES

export const pagesService = (req: MedusaRequest) => req.scope.resolve<PagesModuleService>(PAGES_MODULE)

/**
 * The org an org-wide request acts in: staff their own (another org's id 404); platform
 * operators name it with `org_id` (400 without, 404 unknown).
 */
export async function requireAdminOrg(req: MedusaRequest, roles: readonly EmployeeRole[], requestedOrgId?: string | null): Promise<string> {
  const orgId = await adminOrgScope(req, roles)
  if (orgId !== null) {
    if (requestedOrgId && requestedOrgId !== orgId) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
    return orgId
  }
  if (!requestedOrgId) throw new MedusaError(MedusaError.Types.INVALID_DATA, "org_id is required for platform operators")
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "org", fields: ["id"], filters: { id: requestedOrgId } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Org "${requestedOrgId}" was not found`)
  return requestedOrgId
}

/** The page, when the actor may act on it with `roles`: another org's page is a 404, as a missing one. */
export async function pageInScope(req: MedusaRequest, roles: readonly EmployeeRole[], id = req.params.id) {
  const orgId = await adminOrgScope(req, roles)
  const [page] = await pagesService(req).listPages({ id, ...(orgId ? { org_id: orgId } : {}) })
  if (!page) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Page "${id}" was not found`)
  return page
}

/**
 * 400 naming the block when a block names a course that is not the org's (any status: a
 * draft course can go on a page before its launch; the store shows only published ones).
 */
export async function assertCoursesOfOrg(req: MedusaRequest, orgId: string, blocks: Block[]) {
  const ids = courseIdsOf(blocks)
  if (!ids.length) return
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "course", fields: ["id"], filters: { id: ids, org_id: orgId } })
  const own = new Set(data.map((c: { id: string }) => c.id))
  const problems: BlockProblem[] = []
  blocks.forEach((block, index) => {
    const named = block.type === "course_grid" ? (Array.isArray(block.courses) ? block.courses : []) : block.type === "pricing_table" || block.type === "opt_in" ? [block.course_id] : []
    named.forEach((id, i) => {
      if (own.has(id)) return
      const field = block.type === "course_grid" ? `courses[${i}]` : "course_id"
      problems.push({ index, type: block.type, field, message: `course "${id}" is not a course of this org` })
    })
  })
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${problems.slice(0, 3).map(describeProblem).join("; ")}`)
  }
}

/** 400 (not a database error) when the org already has a page at `slug`. */
export async function assertSlugFree(req: MedusaRequest, orgId: string, slug: string, pageId?: string) {
  const [taken] = await pagesService(req).listPages({ org_id: orgId, slug }, { select: ["id"] })
  if (taken && taken.id !== pageId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `slug "${slug}" is already used by another page of this org`)
  }
}
