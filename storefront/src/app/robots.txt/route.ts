import { getTenant, TenantNotFound } from "@/lib/tenant"
import { siteOrigin } from "@/lib/origin"
import { robotsTxt } from "@/lib/seo"

export const dynamic = "force-dynamic"

/** GET /robots.txt: private areas closed, the sitemap of this host's org named. */
export async function GET() {
  try {
    await getTenant()
  } catch (error) {
    if (error instanceof TenantNotFound) return new Response("Not found", { status: 404 })
    throw error
  }
  return new Response(robotsTxt(await siteOrigin()), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" },
  })
}
