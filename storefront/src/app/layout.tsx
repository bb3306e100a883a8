import type { Metadata } from "next"
import Link from "@/components/link"
import { logout, setRegion } from "./actions"
import "./globals.css"
import { brandStyle } from "@/lib/branding"
import { getCart, getCustomer, getOrg, getRegion, listRegions } from "@/lib/data"
import { getLocale } from "@/lib/locale"
import { siteOrigin } from "@/lib/origin"
import { jsonLdScript, organizationJsonLd } from "@/lib/seo"
import { TenantNotFound } from "@/lib/tenant"

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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  let org
  try {
    org = await getOrg()
  } catch (error) {
    const message =
      error instanceof TenantNotFound ? error.message : "This school is unavailable right now. Please try again later."
    return (
      <html lang="en">
        <body>
          <main className="container">
            <h1>Store unavailable</h1>
            <p className="muted">{message}</p>
          </main>
        </body>
      </html>
    )
  }
  const [customer, cart, region, regions, origin, { locale }] = await Promise.all([
    getCustomer(),
    getCart(),
    getRegion(),
    listRegions(),
    siteOrigin(),
    getLocale(),
  ])
  const count = cart?.items?.length ?? 0
  return (
    <html lang={locale}>
      <body style={brandStyle(org) as React.CSSProperties}>
        {/* Escaped for inline use by jsonLdScript (no "</script>" can end it early). */}
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(organizationJsonLd(org, origin)) }} />
        <header className="header">
          <div className="container">
            <Link href="/" className="brand">
              {org.branding.logo_url ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={org.branding.logo_url} alt="" width={36} height={36} />
              ) : (
                <span className="mark" aria-hidden>
                  {org.name.slice(0, 1)}
                </span>
              )}
              <span>{org.name}</span>
            </Link>
            <nav className="nav" aria-label="Main">
              <Link href="/courses">Courses</Link>
              {customer ? <Link href="/learn">My learning</Link> : null}
              {customer ? <Link href="/account/affiliate">Affiliate</Link> : null}
              {customer ? <Link href="/account/subscriptions">Subscriptions</Link> : null}
              {customer ? <Link href="/account/emails">Emails</Link> : null}
              <Link href="/cart" aria-label={`Cart, ${count} item${count === 1 ? "" : "s"}`}>
                Cart ({count})
              </Link>
              {customer ? (
                <form action={logout}>
                  <button className="btn secondary" type="submit">
                    Log out
                  </button>
                </form>
              ) : (
                <Link href="/account/login" className="btn secondary">
                  Log in
                </Link>
              )}
            </nav>
          </div>
        </header>
        <main className="container">{children}</main>
        <footer className="footer">
          <div className="container">
            <span>
              © {org.name}
              {org.support_email ? (
                <>
                  {" · "}
                  <a href={`mailto:${org.support_email}`}>{org.support_email}</a>
                </>
              ) : null}
            </span>
            {regions.length > 1 ? (
              <form action={setRegion} className="row">
                {/* setRegion returns to this page by its Referer: no client component in the root layout. */}
                <label className="row" style={{ fontWeight: 400 }}>
                  <span>Region</span>
                  <select name="region_id" defaultValue={region?.id}>
                    {regions.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name} ({r.currency_code.toUpperCase()})
                      </option>
                    ))}
                  </select>
                </label>
                <button className="btn secondary" type="submit">
                  Apply
                </button>
              </form>
            ) : null}
          </div>
        </footer>
      </body>
    </html>
  )
}
