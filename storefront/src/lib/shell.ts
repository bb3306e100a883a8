import "./server-only"
import { getCart, getCustomer, getOrg, getRegion, listRegions } from "./data"
import { getLocale } from "./locale"
import { siteOrigin } from "./origin"
import { TenantNotFound } from "./tenant"
import type { ShellData } from "@/components/site-shell"

/**
 * What the header and footer show (components/site-shell.tsx), read for this request: the
 * org, whether someone is logged in, the cart's size, the regions. `{ unavailable }` with
 * the message to show when no org answers for this host or the store is down.
 */
export async function getShellData(): Promise<{ shell: ShellData } | { unavailable: string }> {
  let org
  try {
    org = await getOrg()
  } catch (error) {
    return { unavailable: error instanceof TenantNotFound ? error.message : "This school is unavailable right now. Please try again later." }
  }
  const [customer, cart, region, regions, origin, { locale }] = await Promise.all([getCustomer(), getCart(), getRegion(), listRegions(), siteOrigin(), getLocale()])
  return { shell: { org, loggedIn: !!customer, cartCount: cart?.items?.length ?? 0, regionId: region?.id ?? null, regions, origin, locale } }
}
