import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { unsubscribeKey } from "../../../automation/engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { ORG_MODULE } from "../../../modules/org"
import type OrgModuleService from "../../../modules/org/service"
import { verifyUnsubscribeToken } from "../../../rules/automation"

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(res: MedusaResponse, status: number, title: string, body: string) {
  res
    .status(status)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" })
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
        `<style>body{font-family:-apple-system,Segoe UI,Roboto,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111827}button{font-size:1rem;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#111827;color:#fff}</style>` +
        `</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
    )
}

async function resolve(req: MedusaRequest) {
  const parsed = verifyUnsubscribeToken(unsubscribeKey(req.scope), req.query.token)
  if (!parsed) return null
  const [org] = await req.scope.resolve<OrgModuleService>(ORG_MODULE).listOrgs({ id: parsed.org_id }, { select: ["id", "name"] })
  return org ? { ...parsed, org_name: org.name } : null
}

/**
 * GET /email/unsubscribe?token=: a page with one button (a GET never unsubscribes: mail
 * scanners follow links). The token is signed per org and address (rules/automation.ts).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const who = await resolve(req)
  if (!who) return page(res, 404, "This unsubscribe link is not valid", "<p>Use the link of a recent email, or manage your emails in your account.</p>")
  page(
    res,
    200,
    `Unsubscribe from ${who.org_name}`,
    `<p>Stop marketing emails from ${escapeHtml(who.org_name)} to <strong>${escapeHtml(who.email)}</strong>? Receipts and account emails still arrive.</p>` +
      `<form method="post"><button type="submit">Unsubscribe</button></form>`
  )
}

/**
 * POST /email/unsubscribe?token=: one-click unsubscribe (RFC 8058: mail clients POST
 * `List-Unsubscribe=One-Click` to the List-Unsubscribe URL). No login; the token is the proof.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const who = await resolve(req)
  if (!who) return page(res, 404, "This unsubscribe link is not valid", "<p>Nothing was changed.</p>")
  await req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE).suppress({ org_id: who.org_id, email: who.email, reason: "unsubscribed", source: "link" })
  page(res, 200, "You are unsubscribed", `<p>${escapeHtml(who.email)} gets no more marketing emails from ${escapeHtml(who.org_name)}.</p>`)
}
