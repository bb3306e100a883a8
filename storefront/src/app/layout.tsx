import type { Metadata } from "next"
import { notFound } from "next/navigation"
import "./globals.css"
import { brandStyle } from "@/lib/branding"
import { getOrg } from "@/lib/data"
import { getLocale } from "@/lib/locale"
import { siteOrigin } from "@/lib/origin"
import { getShellData } from "@/lib/shell"
import { SiteShell, StoreUnavailable } from "@/components/site-shell"

export const dynamic = "force-dynamic"

export async function generateMetadata(): Promise<Metadata> {
  try {
    const [org, origin] = await Promise.all([getOrg(), siteOrigin()])
    return {
      metadataBase: new URL(origin),
      title: { default: org.name, template: `%s · ${org.name}` },
      icons: { icon: "/favicon.ico" },
      openGraph: { siteName: org.name, type: "website" },
    }
  } catch {
    return { title: "Volmify" }
  }
}

/** Every App Router page; the course and lesson pages (src/pages) render the same SiteShell in _app. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const data = await getShellData()
  if ("unavailable" in data) {
    return (
      <html lang="en">
        <body>
          <StoreUnavailable message={data.unavailable} />
        </body>
      </html>
    )
  }
  // `/xx/...` with a language the org has not enabled: a 404, not the default's content.
  if ((await getLocale()).unknown_prefix) notFound()
  return (
    <html lang={data.shell.locale || "en"}>
      <body style={brandStyle(data.shell.org) as React.CSSProperties}>
        <SiteShell shell={data.shell}>{children}</SiteShell>
      </body>
    </html>
  )
}
