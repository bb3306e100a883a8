import type { ReactNode } from "react"
import Link from "@/components/link"
import type { Org, Region } from "@/lib/data"
import { jsonLdScript, organizationJsonLd } from "@/lib/seo"

export type ShellData = {
  org: Org
  loggedIn: boolean
  cartCount: number
  regionId: string | null
  regions: Region[]
  /** Scheme and host of this site (lib/origin.ts), for absolute URLs in structured data. */
  origin: string
  /** The visitor's locale (lib/locale.ts): `<html lang>`. */
  locale: string
}

/**
 * The header, main column and footer around every page, on both routers: the App Router's
 * root layout and the Pages Router's `_app` (the course and lesson pages, which ship no
 * client JavaScript) render this one component from lib/shell.ts's data. Its buttons
 * (log out, region) are plain forms to `/form/<name>`, so it needs no client code either.
 * Every page carries the org's schema.org `Organization` here (JSON-LD is data, not script:
 * the browser never runs it, and the JS budget does not count it).
 */
export function SiteShell({ shell, children }: { shell: ShellData; children: ReactNode }) {
  const { org, loggedIn, cartCount: count, regionId, regions } = shell
  return (
    <>
      {/* Escaped for inline use by jsonLdScript (no "</script>" can end it early). */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(organizationJsonLd(org, shell.origin)) }} />
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
            {loggedIn ? <Link href="/learn">My learning</Link> : null}
            {loggedIn ? <Link href="/account/affiliate">Affiliate</Link> : null}
            {loggedIn ? <Link href="/account/subscriptions">Subscriptions</Link> : null}
            {loggedIn ? <Link href="/account/emails">Emails</Link> : null}
            <Link href="/cart" aria-label={`Cart, ${count} item${count === 1 ? "" : "s"}`}>
              Cart ({count})
            </Link>
            {loggedIn ? (
              <form method="post" action="/form/logout">
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
            <form method="post" action="/form/region" className="row">
              {/* Back to this page by its Referer (lib/store-forms.ts setRegion). */}
              <label className="row" style={{ fontWeight: 400 }}>
                <span>Region</span>
                <select name="region_id" defaultValue={regionId ?? undefined}>
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
    </>
  )
}

/** The whole page when no org answers for this host or the store is down. */
export function StoreUnavailable({ message }: { message: string }) {
  return (
    <main className="container">
      <h1>Store unavailable</h1>
      <p className="muted">{message}</p>
    </main>
  )
}
