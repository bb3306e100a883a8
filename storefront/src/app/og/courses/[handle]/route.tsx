import { ImageResponse } from "next/og"
import { getOrg } from "@/lib/data"
import { store, StoreError } from "@/lib/medusa"
import { ogColors } from "@/lib/seo"
import { TenantNotFound } from "@/lib/tenant"

export const dynamic = "force-dynamic"

/**
 * GET /og/courses/:handle: a 1200x630 social image for a course that has none of its own,
 * in the org's colours with its name and the course's title and subtitle. Text only, in
 * next/og's bundled font (no font is fetched: the servers may have no internet).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params
  let course: { title: string; subtitle?: string | null }
  let org
  try {
    ;[org, { course }] = await Promise.all([
      getOrg(),
      store<{ course: { title: string; subtitle?: string | null } }>(`/store/courses/${encodeURIComponent(handle)}`, { auth: false }),
    ])
  } catch (error) {
    if (error instanceof TenantNotFound || (error instanceof StoreError && error.status === 404)) return new Response("Not found", { status: 404 })
    throw error
  }
  const { brand, accent } = ogColors(org.branding)
  const subtitle = course.subtitle && course.subtitle.length > 140 ? `${course.subtitle.slice(0, 139)}…` : course.subtitle
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", padding: 72, background: brand, color: "#ffffff" }}>
        <div style={{ display: "flex", alignItems: "center", fontSize: 36, fontWeight: 600 }}>
          <div style={{ width: 56, height: 56, borderRadius: 12, background: accent, display: "flex", alignItems: "center", justifyContent: "center", marginRight: 20, fontSize: 32 }}>
            {org.name.slice(0, 1).toUpperCase()}
          </div>
          {org.name}
        </div>
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ fontSize: course.title.length > 60 ? 56 : 72, fontWeight: 700, lineHeight: 1.1 }}>{course.title}</div>
          {subtitle ? <div style={{ fontSize: 32, marginTop: 24, opacity: 0.9 }}>{subtitle}</div> : null}
        </div>
        <div style={{ display: "flex", height: 12, width: 240, background: accent, borderRadius: 6 }} />
      </div>
    ),
    { width: 1200, height: 630, headers: { "cache-control": "public, max-age=3600" } }
  )
}
