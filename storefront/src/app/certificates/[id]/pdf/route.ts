import { BACKEND_URL } from "@/lib/config"
import { authHeaders } from "@/lib/medusa"
import { getTenant } from "@/lib/tenant"

/** The certificate PDF, fetched with the customer's token (kept in an HttpOnly cookie) and passed through. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const tenant = await getTenant()
  const res = await fetch(`${BACKEND_URL}/store/customers/me/certificates/${encodeURIComponent(id)}/pdf`, {
    headers: { "x-publishable-api-key": tenant.key, ...(await authHeaders()) },
    cache: "no-store",
  })
  if (!res.ok) return new Response(res.status === 401 ? "Log in to download your certificate" : "Certificate not found", { status: res.status })
  return new Response(await res.arrayBuffer(), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": res.headers.get("content-disposition") ?? `attachment; filename="certificate.pdf"`,
      "cache-control": "private, no-store",
    },
  })
}
