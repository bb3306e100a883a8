import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../../../../modules/attribution"
import type AttributionModuleService from "../../../../../modules/attribution/service"
import { FULL_POOL_BPS, isActiveAt, peakPercentBps } from "../../../../../rules/percent-pool"
import { createAttributionRuleWorkflow } from "../../../../../workflows/create-attribution-rule"
import { RULE_FIELDS } from "../../../../../workflows/steps/rule-records"
import { actorId, adminOrgScope, assertProductInScope, assertRuleDecision, RULE_ROLES } from "../../../../utils/tenancy"
import type { AdminCreateAttributionRule } from "../../../../validators"

const timed = (r: { percent_bps: number; effective_from: Date | string; effective_to?: Date | string | null }) => ({
  percent_bps: r.percent_bps,
  effective_from: new Date(r.effective_from),
  effective_to: r.effective_to ? new Date(r.effective_to) : null,
})

import { OrgProductLink } from "@volmify/orgs/tenancy"

type EmployeeRow = {
  id: string
  display_name?: string | null
  user?: { email?: string | null; first_name?: string | null; last_name?: string | null } | null
}

/** The staff of the product's org by name, so the dashboard picks people, not `oemp_` ids. */
async function productOrgEmployees(req: AuthenticatedMedusaRequest, productId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({ entity: OrgProductLink.entryPoint, fields: ["org_id"], filters: { product_id: productId } })
  if (!links[0]?.org_id) return []
  const { data } = await query.graph({
    entity: "org_employee",
    fields: ["id", "role", "status", "display_name", "user.first_name", "user.last_name", "user.email"],
    filters: { org_id: links[0].org_id },
    pagination: { order: { created_at: "ASC" } },
  })
  return (data as (EmployeeRow & { role: string; status: string })[]).map((e) => ({
    id: e.id,
    role: e.role,
    status: e.status,
    name: e.display_name || [e.user?.first_name, e.user?.last_name].filter(Boolean).join(" ") || e.user?.email || e.id,
    email: e.user?.email ?? null,
  }))
}

/**
 * GET /admin/products/:id/attribution-rules: every rule of the product (current, future
 * and ended), with the pool: `allocated_bps` in effect now and `peak_bps` from now on, and
 * the staff of the product's org (`employees`: id, name, email, role, status) to pick from.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const orgId = await adminOrgScope(req)
  await assertProductInScope(req, req.params.id, orgId)
  const [rules, employees] = await Promise.all([
    req.scope
      .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      .listAttributionRules({ product_id: req.params.id }, { select: RULE_FIELDS, order: { effective_from: "ASC", created_at: "ASC" } }),
    productOrgEmployees(req, req.params.id),
  ])
  const now = new Date()
  const current = rules.filter((r) => isActiveAt(timed(r), now))
  res.json({
    attribution_rules: rules.map((r) => ({ ...r, in_effect: isActiveAt(timed(r), now) })),
    pool: {
      total_bps: FULL_POOL_BPS,
      allocated_bps: current.reduce((s, r) => s + (r.percent_bps ?? 0), 0),
      peak_bps: peakPercentBps(rules.map(timed), { from: now, to: null }),
    },
    employees,
  })
}

/** POST /admin/products/:id/attribution-rules { employee_id, role, type, percent_bps?, fixed_amounts?, effective_from?, effective_to? } */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateAttributionRule>, res: MedusaResponse) {
  const orgId = await adminOrgScope(req, RULE_ROLES)
  await assertProductInScope(req, req.params.id, orgId)
  await assertRuleDecision(req, req.validatedBody.employee_id)
  const { result } = await createAttributionRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, product_id: req.params.id, created_by: actorId(req) ?? null },
  })
  res.status(201).json({ attribution_rule: result })
}
