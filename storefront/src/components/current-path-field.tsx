"use client"

import { usePathname, useSearchParams } from "next/navigation"

/**
 * A hidden `back` field holding the page the form is on (path and query), for actions that
 * return there, e.g. the region picker in the footer. The layout is not re-rendered on
 * client-side navigation, so the path is read in the browser; the action still passes it
 * through safeRedirectPath (same-origin paths only).
 */
export function CurrentPathField() {
  const pathname = usePathname()
  const query = useSearchParams().toString()
  return <input type="hidden" name="back" value={query ? `${pathname}?${query}` : pathname} />
}
