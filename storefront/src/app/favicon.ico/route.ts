import { NextResponse } from "next/server"
import { getOrg } from "@/lib/data"

// The org comes from the request (key or Host header): never prerendered at build time.
export const dynamic = "force-dynamic"

const HEX = /^#(?:[0-9a-fA-F]{3}){1,2}$/
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A square mark: the org's initial on its brand colour (what the header shows without a logo). */
function mark(letter: string, color: string) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${color}"/><text x="32" y="44" font-family="system-ui, sans-serif" font-size="36" font-weight="700" fill="#fff" text-anchor="middle">${esc(letter)}</text></svg>`
}

/**
 * GET /favicon.ico: the org's logo when it has one (an http(s) URL), else its initial on its
 * brand colour; a neutral mark when no org answers. Browsers ask for this path on every site.
 */
export async function GET() {
  const headers = { "cache-control": "public, max-age=3600" }
  try {
    const org = await getOrg()
    const logo = org.branding.logo_url
    if (logo && /^https?:\/\//.test(logo)) return NextResponse.redirect(logo, { status: 302, headers })
    const color = org.branding.primary_color && HEX.test(org.branding.primary_color) ? org.branding.primary_color : "#1f3a68"
    return new NextResponse(mark(org.name.slice(0, 1).toUpperCase() || "V", color), {
      headers: { ...headers, "content-type": "image/svg+xml" },
    })
  } catch {
    return new NextResponse(mark("V", "#1f3a68"), { headers: { ...headers, "content-type": "image/svg+xml" } })
  }
}
